/**
 * Use case: after one cluster's scan in the deployed stack (one cluster per message), store its
 * trust summary and judge it against the latest summaries of the clusters it is linked to, with
 * the same domain function the CLI runs. The findings go to both sides' alerts: this cluster's
 * and every linked cluster's fleet trust alerts are settled (each alert once, by the claim
 * machinery), and nothing else of theirs is touched. May import: domain, ports, drive-alerts.
 */
import type { ClusterIdentity } from '../domain/cluster-identity';
import {
  FLEET_TRUST_RULES,
  freshSummaries,
  linkedClusters,
  linkedTrust,
  type MeshGroup,
  type TrustSummary,
} from '../domain/fleet-trust';
import type { Finding } from '../domain/model';
import { type AlertDeps, type AlertOutcome, driveAlerts } from './drive-alerts';

/** What the fleet check needs. */
export interface FleetTrustDeps extends AlertDeps {
  readonly clock: { now(): Date };
  readonly meshGroups?: readonly MeshGroup[];
  /** @default 24 h */
  readonly renotifyMs?: number;
}

/** What the check found and delivered. */
export interface FleetTrustResult {
  /** Fleet trust findings per cluster id, for this cluster and the clusters linked to it. */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  readonly alerts: readonly AlertOutcome[];
}

/**
 * Stores `summary` (when the cluster was reached) and settles the fleet trust alerts of its
 * cluster and of every cluster linked to it. An unreachable cluster, or one whose mesh sources were
 * not all read completely (`summary` undefined, see fleetTrustSummary), is not judged: its last
 * summary stands and no alert moves.
 */
export async function checkFleetTrust(
  deps: FleetTrustDeps,
  cluster: ClusterIdentity,
  summary: TrustSummary | undefined,
): Promise<FleetTrustResult> {
  if (!summary) return { findings: new Map(), alerts: [] };
  const now = deps.clock.now();
  await deps.store.putTrustSummary(summary);
  const stored = freshSummaries(await deps.store.loadTrustSummaries(), now).filter(
    (s) => s.cluster !== summary.cluster,
  );
  const fleet = [summary, ...stored];
  const groups = deps.meshGroups ? { groups: deps.meshGroups } : {};
  const all = linkedTrust(fleet, { now, ...groups });
  const involved = new Set([summary.cluster]);
  for (const link of linkedClusters(fleet, deps.meshGroups).links) {
    if (link.a === summary.cluster) involved.add(link.b);
    if (link.b === summary.cluster) involved.add(link.a);
  }
  const findings = new Map<string, readonly Finding[]>();
  const alerts: AlertOutcome[] = [];
  for (const id of involved) {
    const own = all.get(id) ?? [];
    findings.set(id, own);
    const member = fleet.find((s) => s.cluster === id);
    const identity = member ? identityOf(member) : cluster;
    const outcomes = await driveAlerts(deps, {
      cluster: id,
      identity,
      status: 'ok',
      findings: own,
      certificates: [],
      now,
      rules: { only: FLEET_TRUST_RULES },
      ...(deps.renotifyMs !== undefined ? { renotifyMs: deps.renotifyMs } : {}),
    });
    alerts.push(...outcomes);
  }
  return { findings, alerts };
}

function identityOf(summary: TrustSummary): ClusterIdentity {
  return { id: summary.cluster, name: summary.name, ...(summary.where ? { where: summary.where } : {}) };
}
