/** "did you mean …?" for a mistyped command or flag: the closest known name, when close enough. */

/** Levenshtein distance (insert, delete, substitute, and swap of two neighbours), bounded inputs. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name closest to `typed` (a third of its length in edits at most, at least 1), or a
 * name `typed` is a prefix of when that prefix names exactly one; undefined when none is close.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  if (typed.length === 0 || typed.length > 64) return undefined;
  const prefixed = known.filter((name) => name.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(typed, name);
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** ` (did you mean 'x'?)` or ''. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const name = closest(typed, known);
  return name ? ` (did you mean '${name}'?)` : '';
}
