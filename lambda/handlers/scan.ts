/**
 * Lambda entry: scan one cluster per SQS message (batch size 1), record it in history, notify,
 * publish metrics. A message whose cluster cannot be reached is reported as a batch item failure
 * (SQS retries it, then the DLQ keeps it).
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { recordScan } from '../app/record-scan';
import { scanCluster } from '../app/scan-cluster';
import { clusterTargetSchema, readLambdaEnv } from '../config/lambda-env';
import { logger, metrics } from '../config/observability';
import { scanSetup } from '../config/scan-deps';
import { publishScanMetrics } from '../config/scan-metrics';

const setup = scanSetup(readLambdaEnv());

/** SQS event source handler with partial batch responses. */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const deps = await setup;
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const started = Date.now();
    let cluster = '(unparsed message)';
    try {
      const target = clusterTargetSchema.parse(JSON.parse(record.body));
      cluster = target.name;
      const scan = await scanCluster(await deps.connect(target), {
        cluster: target.name,
        policy: deps.policy,
        timeoutMs: deps.timeoutMs,
      });
      await recordScan(deps.record, {
        cluster: target.name,
        assessment: scan.assessment,
        status: scan.status,
        signals: scan.signals,
        blindSpots: scan.failures.length,
      });
      const succeeded = scan.status !== 'unreachable';
      publishScanMetrics(metrics, {
        cluster: target.name,
        succeeded,
        durationMs: Date.now() - started,
        sourcesFailed: scan.failures.length,
        assessment: scan.assessment,
      });
      logger.info('scanned', {
        cluster: target.name,
        status: scan.status,
        certificates: scan.assessment.certificates.length,
      });
      if (!succeeded) batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      logger.error('scan failed', { cluster, error: error as Error });
      publishScanMetrics(metrics, {
        cluster,
        succeeded: false,
        durationMs: Date.now() - started,
        sourcesFailed: 0,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
