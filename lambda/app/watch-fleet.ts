/**
 * Use case: after each dispatch, keep the fleet's own bookkeeping — record which clusters were
 * dispatched (a sighting, at most daily), retire the clusters neither dispatched nor scanned for N
 * days (their open alerts resolve once, noted "cluster retired"; then the digest drops them), and
 * alert `scan_missed` on the clusters dispatched now — or within those N days in an account/region
 * discovery could not search this run — whose scans stopped arriving. A discovery failure also has
 * its own metric and alarm (handlers/dispatch.ts).
 * May import: domain, ports, drive-alerts, record-missed-scans.
 */
import { eksClusterIdentity, plainClusterIdentity } from '../domain/cluster-identity';
import { stateIdentity } from '../domain/history/records';
import { planFleetWatch, RETIRED_NOTE } from '../domain/history/retirement';
import type { DispatchResult } from './dispatch';
import { type AlertOutcome, driveAlerts } from './drive-alerts';
import { recordMissedScans } from './record-missed-scans';
import type { RecordScanDeps } from './record-scan';

/** What watching the fleet needs: the missed-scan deps plus the retirement window. */
export interface WatchFleetDeps extends RecordScanDeps {
  /** @default DEFAULT_RETIRE_AFTER_DAYS */
  readonly retireAfterDays?: number;
}

/** What one run did. */
export interface FleetWatch {
  /** Ids of the clusters retired by this run (every alert settled). */
  readonly retired: readonly string[];
  /** Retired clusters' resolutions. */
  readonly retirements: readonly AlertOutcome[];
  /** `scan_missed` transitions. */
  readonly missed: readonly AlertOutcome[];
}

/** Sightings, retirement and the missed-scan check for one dispatch `result`. */
export async function watchFleet(deps: WatchFleetDeps, result: DispatchResult): Promise<FleetWatch> {
  const now = deps.clock.now();
  const overviews = await deps.store.listClusters();
  const dispatched = result.targets.map((t) => eksClusterIdentity(t).id);
  const unsearched = new Set(result.discoveryFailures.map((f) => f.target));
  const plan = planFleetWatch(overviews, dispatched, now, deps.retireAfterDays, unsearched);
  for (const sighting of plan.sightings) await deps.store.putSighting(sighting);
  const retirements: AlertOutcome[] = [];
  const retired: string[] = [];
  for (const overview of plan.retire) {
    const identity = overview.state ? stateIdentity(overview.state) : plainClusterIdentity(overview.cluster);
    const outcomes = await driveAlerts(deps, {
      cluster: overview.cluster,
      identity,
      status: 'ok',
      findings: [],
      certificates: [],
      now,
      resolveNote: RETIRED_NOTE,
    });
    retirements.push(...outcomes);
    // Retired only once every channel heard: an undelivered resolution is retried next run.
    if (outcomes.some((o) => !o.delivered)) continue;
    await deps.store.putSighting({
      cluster: overview.cluster,
      lastDispatchedAt: overview.sighting?.lastDispatchedAt ?? overview.lastSummary?.at ?? now.toISOString(),
      retiredAt: now.toISOString(),
    });
    retired.push(overview.cluster);
  }
  const missed = await recordMissedScans(deps, { clusters: plan.missedScanScope }, overviews);
  return { retired, retirements, missed };
}
