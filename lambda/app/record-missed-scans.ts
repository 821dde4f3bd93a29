/**
 * Use case: alert on clusters whose scans stopped arriving at all (the scan itself never runs, so
 * recordScan cannot notice). Meant for the dispatcher's schedule: for every cluster in history,
 * judge `scan_missed` and drive only that alert; other alerts are left as they are.
 * May import: domain, ports, record-scan (its deps), drive-alerts.
 */
import { plainClusterIdentity } from '../domain/cluster-identity';
import { type ClusterOverview, stateIdentity } from '../domain/history/records';
import { scanMissed } from '../domain/history/scan-missed';
import { type AlertOutcome, driveAlerts } from './drive-alerts';
import type { RecordScanDeps } from './record-scan';

/** Which clusters to judge. */
export interface MissedScanOptions {
  /**
   * Only these clusters (those dispatched within the retirement window: watch-fleet.ts), so a
   * cluster gone from the configuration or discovery does not raise `scan_missed` forever.
   * @default - every cluster in history
   */
  readonly clusters?: readonly string[];
}

/** Checks every known cluster (or those named); returns the deliveries attempted. */
export async function recordMissedScans(
  deps: RecordScanDeps,
  options: MissedScanOptions = {},
  overviews?: readonly ClusterOverview[],
): Promise<AlertOutcome[]> {
  const now = deps.clock.now();
  const outcomes: AlertOutcome[] = [];
  const only = options.clusters ? new Set(options.clusters) : undefined;
  for (const overview of overviews ?? (await deps.store.listClusters())) {
    if (only && !only.has(overview.cluster)) continue;
    const identity = overview.state ? stateIdentity(overview.state) : plainClusterIdentity(overview.cluster);
    const missed = scanMissed(
      identity.name,
      overview.lastSummary?.lastSuccessAt,
      overview.state?.watchedSince,
      now,
      deps.schedule,
    );
    if (!missed) continue;
    // Status `unreachable`: no other alert of the cluster may resolve or be re-sent from here.
    outcomes.push(
      ...(await driveAlerts(deps, {
        cluster: overview.cluster,
        identity,
        status: 'unreachable',
        findings: [missed],
        certificates: [],
        now,
        ...(deps.renotifyMs !== undefined ? { renotifyMs: deps.renotifyMs } : {}),
      })),
    );
  }
  return outcomes;
}
