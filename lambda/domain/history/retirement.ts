/**
 * Retirement of clusters that are gone: one neither dispatched (configured or discovered) nor
 * scanned for N days is retired — its open alerts resolve once with a "cluster retired" note, the
 * digest stops listing it. `scan_missed` judges the clusters dispatched now, and those dispatched
 * within the N days that a discovery failure may be hiding; a cluster taken out of the
 * configuration, or no longer found by a discovery that searched its account and region, raises
 * nothing new while it waits to retire.
 * Pure: the dispatcher (app/watch-fleet.ts) reads the overviews, writes the sightings and drives the
 * alerts. May import: ../time, ../cluster-identity, ./records.
 */
import { eksWhere } from '../cluster-identity';
import { DAY_MS } from '../time';
import type { ClusterOverview, ClusterSighting } from './records';

/** Days without a dispatch or a scan after which a cluster retires (stack config `retireAfterDays`). */
export const DEFAULT_RETIRE_AFTER_DAYS = 7;

/** The note a retired cluster's alerts resolve with (Slack thread reply, SNS). */
export const RETIRED_NOTE = 'cluster retired';

/**
 * A dispatched cluster's sighting is rewritten at most this often (one write a day per cluster, not
 * one per run), so a cluster retires between N and N + 1 days after its last dispatch.
 */
export const SIGHTING_REFRESH_MS = DAY_MS;

/** The latest of: last dispatch, last scan, first sight; undefined when history holds none. */
export function lastSeenAt(overview: ClusterOverview): string | undefined {
  const seen = [
    overview.sighting?.lastDispatchedAt,
    overview.lastSummary?.at,
    overview.state?.watchedSince,
  ].filter((at): at is string => at !== undefined);
  return seen.length > 0 ? seen.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : undefined;
}

/** True when the cluster was retired and nothing has seen it since. */
export function isRetired(overview: ClusterOverview): boolean {
  const retiredAt = overview.sighting?.retiredAt;
  if (!retiredAt) return false;
  const seen = lastSeenAt(overview);
  return seen === undefined || Date.parse(seen) <= Date.parse(retiredAt);
}

/** What the dispatcher does about sightings and retirement after one dispatch. */
export interface FleetWatchPlan {
  /** Sightings to write: dispatched clusters never recorded, recorded a refresh ago, or retired. */
  readonly sightings: readonly ClusterSighting[];
  /** Clusters to retire now (their alerts resolve, then their sighting says retired). */
  readonly retire: readonly ClusterOverview[];
  /**
   * Clusters the missed-scan check judges: dispatched now, or within the window and possibly hidden
   * by a discovery failure (or of an id whose account and region are unknown); never retired ones.
   */
  readonly missedScanScope: readonly string[];
}

/**
 * Plans one dispatcher run: `dispatched` are the ids this run meant to scan; `unsearched` the
 * `account/region`s discovery could not search this run (a discovery failure adds none and removes
 * none: clusters it may hide keep their last dispatch, and their scan_missed, until the window ends).
 */
export function planFleetWatch(
  overviews: readonly ClusterOverview[],
  dispatched: readonly string[],
  now: Date,
  retireAfterDays = DEFAULT_RETIRE_AFTER_DAYS,
  unsearched: ReadonlySet<string> = new Set(),
): FleetWatchPlan {
  const windowStart = now.getTime() - retireAfterDays * DAY_MS;
  const byId = new Map(overviews.map((o) => [o.cluster, o]));
  const current = new Set(dispatched);
  const sightings: ClusterSighting[] = [];
  for (const cluster of current) {
    const previous = byId.get(cluster)?.sighting;
    const stale =
      !previous ||
      previous.retiredAt !== undefined ||
      now.getTime() - Date.parse(previous.lastDispatchedAt) >= SIGHTING_REFRESH_MS;
    if (stale) sightings.push({ cluster, lastDispatchedAt: now.toISOString() });
  }
  const retire: ClusterOverview[] = [];
  const scope = new Set(current);
  for (const overview of overviews) {
    if (current.has(overview.cluster) || isRetired(overview)) continue;
    const seen = lastSeenAt(overview);
    if (seen === undefined || Date.parse(seen) < windowStart) retire.push(overview);
    const dispatchedAt = overview.sighting?.lastDispatchedAt;
    const where = eksWhere(overview.cluster);
    const mayBeHidden = where === undefined || unsearched.has(where);
    if (dispatchedAt && Date.parse(dispatchedAt) >= windowStart && mayBeHidden) scope.add(overview.cluster);
  }
  return { sightings, retire, missedScanScope: [...scope] };
}
