/** Rule `scan_missed`: a cluster not scanned successfully for N scheduled intervals (a blind spot). */
import type { Finding } from '../model';

/** Schedule the missed-scan rule judges against. */
export interface ScanSchedule {
  /** @default 60 */
  readonly intervalMinutes?: number;
  /** Missed intervals before a warning; four times as many make it critical. @default 3 */
  readonly missedScans?: number;
}

/** A finding when the last success (or, never successful, the first sight) is too old. */
export function scanMissed(
  cluster: string,
  lastSuccessAt: string | undefined,
  watchedSince: string | undefined,
  now: Date,
  schedule: ScanSchedule = {},
): Finding | undefined {
  const since = lastSuccessAt ?? watchedSince;
  if (!since) return undefined;
  const intervalMs = (schedule.intervalMinutes ?? 60) * 60_000;
  const missed = Math.floor((now.getTime() - Date.parse(since)) / intervalMs);
  const threshold = schedule.missedScans ?? 3;
  if (missed < threshold) return undefined;
  return {
    severity: missed >= threshold * 4 ? 'critical' : 'warning',
    rule: 'scan_missed',
    message: lastSuccessAt
      ? `Cluster ${cluster} has not been scanned successfully since ${lastSuccessAt} (${missed} intervals missed).`
      : `Cluster ${cluster} has never been scanned successfully (watched since ${since}).`,
    remediation:
      'Check that the scanner can reach the cluster API (network, EKS access entry, assumed role) and read its logs for the last attempt.',
  };
}
