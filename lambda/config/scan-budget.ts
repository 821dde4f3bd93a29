/** How much of the scan Lambda's timeout the cluster reads may use: the rest records and notifies. */

/** The reads' budget for a Lambda timeout: a quarter is kept back (at least 10 s, at most 60 s). */
export function scanBudgetMs(timeoutSeconds: number): number {
  const reserveSeconds = Math.min(60, Math.max(10, timeoutSeconds / 4));
  return Math.round((timeoutSeconds - reserveSeconds) * 1000);
}
