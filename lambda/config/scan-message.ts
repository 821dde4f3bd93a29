/**
 * One scan message, start to finish: parse the target, connect (DescribeCluster + EKS token),
 * scanCluster, recordScan (history, alerts), metrics and a log line. Resolves true when the
 * cluster was reached; false (the message is retried, then dead-lettered) otherwise.
 */
import { recordScan } from '../app/record-scan';
import { scanCluster } from '../app/scan-cluster';
import type { ClusterTarget } from '../ports/scan-queue';
import { clusterTargetSchema } from './lambda-env';
import { logger, metrics } from './observability';
import type { ScanSetup } from './scan-deps';
import { publishScanMetrics } from './scan-metrics';

/** Handles one SQS message body; never throws. */
export async function processScanMessage(setup: ScanSetup, body: string): Promise<boolean> {
  const started = Date.now();
  let cluster = '(unparsed message)';
  try {
    const target = clusterTargetSchema.parse(JSON.parse(body));
    cluster = target.name;
    return await scanAndRecord(setup, target, started);
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
  const deps = await setup.connect(target);
  const scan = await scanCluster(deps, { cluster, policy: setup.policy, timeoutMs: setup.timeoutMs });
  const { status, assessment, signals, failures } = scan;
  const recorded = await recordScan(setup.record, {
    cluster,
    assessment,
    status,
    signals,
    failures, // the digest lists them as blind spots
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
    cluster,
    status,
    certificates: assessment.certificates.length,
    findings: recorded.findings.length,
    alerts: recorded.alerts.length,
    failures: failures.slice(0, 20),
  });
  return succeeded;
}
