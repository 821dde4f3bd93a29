/**
 * One scan message, start to finish: parse the target, connect (DescribeCluster + EKS token),
 * scanCluster, recordScan (history, alerts), metrics and a log line. Resolves true when the
 * cluster was reached; false (the message is retried, then dead-lettered) otherwise.
 */
import { recordScan } from '../app/record-scan';
import { scanCluster } from '../app/scan-cluster';
import { eksClusterIdentity } from '../domain/cluster-identity';
import type { ClusterTarget } from '../ports/scan-queue';
import { clusterTargetSchema } from './lambda-env';
import { logger, metrics } from './observability';
import type { ScanSetup } from './scan-deps';
import { publishScanMetrics } from './scan-metrics';

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
    cluster = target.name;
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
  const succeeded = status !== 'unreachable';
  const durationMs = Date.now() - started;
  publishScanMetrics(metrics, {
    cluster,
    succeeded,
    durationMs,
    sourcesFailed: failures.length,
    assessment,
  });
  logger.info('scanned', {
    cluster: identity.id,
    status,
    certificates: assessment.certificates.length,
    findings: recorded.findings.length,
    alerts: recorded.alerts.length,
    failures: failures.slice(0, 20),
  });
  return succeeded;
}
