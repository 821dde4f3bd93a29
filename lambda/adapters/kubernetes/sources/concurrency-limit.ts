/**
 * The one concurrency limit of every fan-out in the cluster sources (proxy scrapes, Secret GETs,
 * Bundle target lists): at most `limit` in flight, and nothing new started once the budget is out.
 */

/** In-flight requests per fan-out when a source is not told otherwise. */
export const DEFAULT_CONCURRENCY = 8;

/**
 * Runs `work` on every item with at most `limit` in flight. Once `signal` aborts no further item
 * is started; resolves with how many items were never started (0 when all ran).
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return items.length - next;
}
