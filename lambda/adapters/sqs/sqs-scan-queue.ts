/**
 * ScanQueue on SQS: SendMessageBatch in groups of ten (the API's limit), one JSON message per
 * cluster. Entries SQS rejects, and batches whose call fails, come back as failures by target key.
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ClusterTarget, ScanQueue, TargetFailure } from '../../ports/scan-queue';

const BATCH = 10;

/** `account/region/name` (same as the dispatch use case's key). */
function key(target: ClusterTarget): string {
  return `${target.account ?? ''}/${target.region}/${target.name}`;
}

/** Sends scan messages to one SQS queue. */
export class SqsScanQueue implements ScanQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(targets: readonly ClusterTarget[]): Promise<readonly TargetFailure[]> {
    const failures: TargetFailure[] = [];
    for (let start = 0; start < targets.length; start += BATCH) {
      failures.push(...(await this.sendBatch(targets.slice(start, start + BATCH))));
    }
    return failures;
  }

  private async sendBatch(batch: readonly ClusterTarget[]): Promise<TargetFailure[]> {
    const entries = batch.map((target, index) => ({
      Id: String(index),
      MessageBody: JSON.stringify(target),
    }));
    try {
      const out = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
      );
      return (out.Failed ?? []).map((failed) => ({
        target: key(batch[Number(failed.Id)] as ClusterTarget),
        detail: `${failed.Code ?? 'error'}: ${failed.Message ?? 'rejected by SQS'}`,
      }));
    } catch (error) {
      const detail = `SendMessageBatch failed: ${(error as Error).message}`;
      return batch.map((target) => ({ target: key(target), detail }));
    }
  }
}
