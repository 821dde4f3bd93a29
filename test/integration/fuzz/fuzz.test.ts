/**
 * A CI-sized fuzz batch (FUZZ_INPUTS, default 2,000; FUZZ_SEED) of mutated PEM/DER inputs through
 * the offline pipeline: nothing throws, no control character reaches the table, no raw line break a
 * Prometheus label. `npm run fuzz` runs 100,000 in killable child processes (the README has its figure).
 */
import { fuzzCorpus, runBatch } from '#support/fuzz';

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 5122026);

it(`survives ${INPUTS} mutated inputs (seed ${SEED})`, async () => {
  const corpus = await fuzzCorpus();
  const result = await runBatch(corpus, SEED, INPUTS);
  const shown = result.problems.slice(0, 10).map((p) => `input ${p.index} of seed ${SEED}: ${p.problem}`);
  expect(shown).toEqual([]);
  expect(result.inputs).toBe(INPUTS);
  // The mutations must leave some inputs parseable, or the run tests only the first byte check.
  expect(result.parsed).toBeGreaterThan(INPUTS / 20);
}, 600_000);
