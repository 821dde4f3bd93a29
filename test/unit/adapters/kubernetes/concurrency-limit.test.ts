/** The shared fan-out limit: never more than `limit` in flight; nothing new after the budget ends. */
import { forEachLimited } from '#adapters/kubernetes/sources/concurrency-limit';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

it('keeps at most `limit` in flight and runs every item', async () => {
  let inFlight = 0;
  let peak = 0;
  const done: number[] = [];
  const skipped = await forEachLimited(
    Array.from({ length: 50 }, (_, i) => i),
    4,
    async (i) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight -= 1;
      done.push(i);
    },
  );
  expect([peak, done.length, skipped]).toEqual([4, 50, 0]);
});

it('starts nothing once the signal aborts, and says how many were left', async () => {
  const controller = new AbortController();
  const started: number[] = [];
  const skipped = await forEachLimited(
    Array.from({ length: 20 }, (_, i) => i),
    2,
    async (i) => {
      started.push(i);
      if (i === 3) controller.abort();
      await tick();
    },
    controller.signal,
  );
  expect(started).toEqual([0, 1, 2, 3]);
  expect(skipped).toBe(16);
});

it('handles an empty list', async () => {
  expect(await forEachLimited([], 8, async () => {})).toBe(0);
});
