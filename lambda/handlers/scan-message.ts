/**
 * One scan message, start to finish: parse the target, connect (DescribeCluster + EKS token),
 * scanCluster, recordScan (history, alerts), the fleet trust check against linked clusters,
 * metrics and a log line. Resolves true when the
 * cluster was reached; false (the message is retried, then dead-lettered) otherwise.
 */

import { checkFleetTrust } from '../app/check-fleet-trust';
import { type RecordScanDeps, recordScan } from '../app/record-scan';
import { fleetTrustSummary, type ScanClusterDeps, scanCluster } from '../app/scan-cluster';
import type { FleetComposition } from '../config/compose-fleet';
import { clusterTargetSchema } from '../config/lambda-env';
import { logger, metrics } from '../config/observability';
import { eksClusterIdentity } from '../domain/cluster-identity';
import { FLEET_TRUST_RULES, type MeshGroup } from '../domain/fleet-trust';
import type { PolicyOverrides } from '../domain/policy';
import type { ClusterTarget } from '../ports/scan-queue';
import { publishScanMetrics } from './scan-metrics';

/** Each scan settles its own alerts except the fleet trust ones: the fleet check settles those, across clusters. */
export const SCAN_ALERT_RULES = { except: FLEET_TRUST_RULES } as const;

/** Everything the scan handler uses, built once per cold start. */
export interface ScanSetup {
  readonly record: RecordScanDeps;
  /** Configured mesh groups for the fleet trust check. @default [] */
  readonly meshGroups?: readonly MeshGroup[];
  readonly policy?: PolicyOverrides;
  readonly timeoutMs: number;
  readonly detailedMetrics: boolean;
  /** Connects to one cluster (DescribeCluster, EKS token) and returns the scanCluster deps for it (upstream CAs included). */
  connect(target: ClusterTarget): Promise<ScanClusterDeps>;
}

/** The scan handler's setup, from the composition root. */
export async function scanSetup(root: FleetComposition): Promise<ScanSetup> {
  const { store } = await root.openHistory();
  return {
    record: { ...(await root.recordScanDeps(store)), alertRules: SCAN_ALERT_RULES },
    meshGroups: root.settings.fleet?.meshGroups ?? [],
    policy: root.policy,
    timeoutMs: root.settings.scan.timeoutMs,
    detailedMetrics: root.settings.fleet?.detailedMetrics ?? false,
    async connect(target) {
      const { sources } = await root.connectEks(target);
      // Upstreams per message (one cluster, one run): a warm Lambda never reuses an old read.
      return { clock: root.clock, sources, upstreams: root.upstreams() };
    },
  };
}

/**
 * Handles one SQS message body; never throws. A target without an account is in `homeAccount`
 * (the Lambda's own), which completes its identity.
 */
export async function processScanMessage(
  setup: ScanSetup,
  body: string,
  homeAccount?: string,
  remainingMs?: () => number,
): Promise<boolean> {
  const started = Date.now();
  let cluster = '(unparsed message)';
  try {
    const parsed = clusterTargetSchema.parse(JSON.parse(body));
    const target = parsed.account || !homeAccount ? parsed : { ...parsed, account: homeAccount };
    cluster = eksClusterIdentity(target).id; // per-cluster metrics key on the identity, like history
    return await scanAndRecord(
      remainingMs ? { ...setup, record: { ...setup.record, remainingMs } } : setup,
      target,
      started,
    );
  } catch (error) {
    logger.error('scan failed', { cluster, error: error as Error });
    publishScanMetrics(metrics, {
      cluster,
      succeeded: false,
      durationMs: Date.now() - started,
      sourcesFailed: 0,
      detailed: setup.detailedMetrics,
    });
    return false;
  }
}

async function scanAndRecord(setup: ScanSetup, target: ClusterTarget, started: number): Promise<boolean> {
  const cluster = target.name;
  const identity = eksClusterIdentity(target);
  const deps = await setup.connect(target);
  const scan = await scanCluster(deps, { cluster, policy: setup.policy, timeoutMs: setup.timeoutMs });
  const { status, assessment, signals, failures, sources } = scan;
  const recorded = await recordScan(setup.record, {
    cluster: identity.id,
    identity,
    assessment,
    status,
    signals,
    failures, // the digest lists them as blind spots
    sources,
  });
  // After the cluster's own alerts: judge it against the clusters it is linked to (both sides).
  const trust = await checkFleetTrust(
    { ...setup.record, ...(setup.meshGroups ? { meshGroups: setup.meshGroups } : {}) },
    identity,
    fleetTrustSummary({ ...scan, identity }, setup.record.clock.now()),
  ).catch((error: unknown) => {
    logger.error('fleet trust check failed', { cluster: identity.id, error: error as Error });
    return undefined;
  });
  const succeeded = status !== 'unreachable';
  const durationMs = Date.now() - started;
  publishScanMetrics(metrics, {
    cluster: identity.id,
    succeeded,
    durationMs,
    sourcesFailed: failures.length,
    assessment,
    detailed: setup.detailedMetrics,
  });
  logger.info('scanned', {
    cluster: identity.id,
    status,
    certificates: assessment.certificates.length,
    findings: recorded.findings.length,
    alerts: recorded.alerts.length,
    trustFindings: trust ? [...trust.findings.values()].reduce((n, f) => n + f.length, 0) : 0,
    trustAlerts: trust?.alerts.length ?? 0,
    failures: failures.slice(0, 20),
  });
  return succeeded;
}
