/**
 * Use case: alert on clusters whose scans stopped arriving at all (the scan itself never runs, so
 * recordScan cannot notice). Meant for the dispatcher's schedule: for every cluster in history,
 * judge `scan_missed` and drive only that alert; other alerts are left as they are.
 * May import: domain, ports, record-scan (its deps), drive-alerts.
 */
import { eksClusterIdentity, plainClusterIdentity } from '../domain/cluster-identity';
import { stateIdentity } from '../domain/history/records';
import { scanMissed } from '../domain/history/scan-missed';
import type { DispatchResult } from './dispatch';
import { type AlertOutcome, driveAlerts } from './drive-alerts';
import type { RecordScanDeps } from './record-scan';

/** Which clusters to judge. */
export interface MissedScanOptions {
  /**
   * Only these clusters (those the dispatcher still means to scan), so a cluster removed from the
   * configuration does not raise `scan_missed` forever. @default - every cluster in history
   */
  readonly clusters?: readonly string[];
}

/** Checks every known cluster (or those named); returns the deliveries attempted. */
export async function recordMissedScans(
  deps: RecordScanDeps,
  options: MissedScanOptions = {},
): Promise<AlertOutcome[]> {
  const now = deps.clock.now();
  const outcomes: AlertOutcome[] = [];
  const only = options.clusters ? new Set(options.clusters) : undefined;
  for (const overview of await deps.store.listClusters()) {
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

/**
 * Which clusters the missed-scan check judges after a dispatch: those this run meant to scan, so a
 * cluster removed from the configuration goes quiet; every known cluster when discovery failed
 * somewhere (its clusters are unscanned too, but no longer listed).
 */
export function missedScanScope(result: DispatchResult): MissedScanOptions {
  if (result.discoveryFailures.length > 0) return {};
  return { clusters: result.targets.map((t) => eksClusterIdentity(t).id) };
}
