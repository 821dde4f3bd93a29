/**
 * `npm run fuzz`: FUZZ_INPUTS (default 100,000) mutated PEM/DER inputs through the offline pipeline
 * (test/support/fuzz.ts), in batches of 1,000 (batch b uses seed FUZZ_SEED + b) spread over
 * FUZZ_WORKERS child processes. A batch that takes longer than FUZZ_BATCH_TIMEOUT seconds (default
 * 300) is a hang: its worker is killed and the batch's seed reported. Exit 1 on any crash or hang.
 * Reproduce one batch: FUZZ_INPUTS=1000 FUZZ_SEED=<seed> npx jest test/integration/fuzz
 */
import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type BatchResult, fuzzCorpus, runBatch } from '../test/support/fuzz';

const BATCH = 1000;
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 5122026);
const WORKERS = Number(process.env.FUZZ_WORKERS ?? Math.min(2, availableParallelism()));
const TIMEOUT_MS = Number(process.env.FUZZ_BATCH_TIMEOUT ?? 300) * 1000;

interface Job {
  readonly seed: number;
  readonly count: number;
}

async function worker(): Promise<void> {
  const corpus = await fuzzCorpus();
  process.on('message', (job: Job) => {
    void runBatch(corpus, job.seed, job.count).then((result) => process.send?.({ job, result }));
  });
  process.send?.('ready');
}

async function parent(): Promise<void> {
  const jobs: Job[] = [];
  for (let done = 0, b = 0; done < INPUTS; done += BATCH, b++)
    jobs.push({ seed: SEED + b, count: Math.min(BATCH, INPUTS - done) });
  const started = performance.now();
  const crashes: string[] = [];
  const hangs: number[] = [];
  let inputs = 0;
  let parsed = 0;
  let slowestMs = 0;

  const runWorker = () =>
    new Promise<void>((resolve) => {
      let child: ChildProcess;
      let timer: NodeJS.Timeout | undefined;
      let current: Job | undefined;
      const next = () => {
        current = jobs.shift();
        if (!current) {
          child.kill();
          resolve();
          return;
        }
        const job = current;
        timer = setTimeout(() => {
          hangs.push(job.seed);
          child.removeAllListeners();
          child.kill('SIGKILL');
          start(); // a fresh worker takes the remaining jobs
        }, TIMEOUT_MS);
        child.send(job);
      };
      const start = () => {
        child = fork(__filename, ['--worker'], { execArgv: process.execArgv });
        child.on('message', (message: 'ready' | { job: Job; result: BatchResult }) => {
          if (message !== 'ready') {
            clearTimeout(timer);
            const { job, result } = message;
            inputs += result.inputs;
            parsed += result.parsed;
            slowestMs = Math.max(slowestMs, result.slowestMs);
            for (const p of result.problems) crashes.push(`seed ${job.seed} input ${p.index}: ${p.problem}`);
            if (inputs % 10_000 === 0) console.log(`… ${inputs} inputs, ${crashes.length} crashes`);
          }
          next();
        });
        child.on('exit', (code) => {
          if (current && code !== 0 && code !== null) {
            clearTimeout(timer);
            crashes.push(`seed ${current.seed}: worker exited ${code}`);
            start();
          }
        });
      };
      start();
    });

  console.log(`fuzz: ${INPUTS} inputs, seed ${SEED}, ${WORKERS} workers, batches of ${BATCH}`);
  await Promise.all(Array.from({ length: WORKERS }, runWorker));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${inputs} inputs in ${seconds.toFixed(0)} s (${Math.round(inputs / seconds)}/s): ` +
      `${crashes.length} crashes, ${hangs.length} hangs; ${parsed} inputs (${((parsed / Math.max(1, inputs)) * 100).toFixed(1)}%) ` +
      `still yielded a certificate; slowest input ${slowestMs.toFixed(0)} ms`,
  );
  for (const line of crashes.slice(0, 20)) console.log(`  crash: ${line}`);
  for (const seed of hangs) console.log(`  hang: batch seed ${seed}`);
  if (crashes.length > 0 || hangs.length > 0) process.exitCode = 1;
}

(process.argv.includes('--worker') ? worker() : parent()).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
