/** Timing and counting helpers for the benchmark (wall clock, best of a few runs). */
import { performance } from 'node:perf_hooks';
import * as pkijs from 'pkijs';

/** Best wall-clock milliseconds of `runs` calls to `fn` (the best run is the least disturbed one). */
export async function bestMs(runs: number, fn: () => unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * Best milliseconds of `a` and of `b`, alternating runs so both see the same machine load (the
 * benchmark shares its cores with other work; a ratio of two far-apart timings would be noise).
 */
export async function bestPairMs(
  runs: number,
  a: () => unknown,
  b: () => unknown,
): Promise<[number, number]> {
  let bestA = Number.POSITIVE_INFINITY;
  let bestB = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    bestA = Math.min(bestA, await bestMs(1, a));
    bestB = Math.min(bestB, await bestMs(1, b));
  }
  return [bestA, bestB];
}

let decodes = 0;
const original = pkijs.Certificate.prototype.fromSchema;
// Every pkijs certificate decode (constructor with a schema, or Certificate.fromBER) goes through
// fromSchema, whichever module of certwatch does it: counting here needs no hook in the product.
pkijs.Certificate.prototype.fromSchema = function countedFromSchema(this: pkijs.Certificate, schema) {
  decodes += 1;
  return original.call(this, schema);
};

/** Number of pkijs certificate decodes while `fn` ran. */
export async function countDecodes<T>(fn: () => Promise<T>): Promise<{ result: T; decodes: number }> {
  const before = decodes;
  const result = await fn();
  return { result, decodes: decodes - before };
}
