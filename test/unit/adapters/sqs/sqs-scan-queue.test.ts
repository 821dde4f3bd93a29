/** SqsScanQueue: batches of ten (the API limit), one JSON body per cluster, rejected entries named. */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { SqsScanQueue } from '#adapters/sqs/sqs-scan-queue';

// aws-sdk-client-mock's types lag the SDK's nested @smithy/types (runtime mocking is unaffected).
const sqs = mockClient(SQSClient as never);
const SendBatch = SendMessageBatchCommand as never;
const client = new SQSClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
});
const url = 'https://sqs.eu-west-1.amazonaws.com/111111111111/scans';
const targets = Array.from({ length: 23 }, (_, i) => ({ name: `c${i}`, region: 'eu-west-1' }));

beforeEach(() => sqs.reset());

describe('SqsScanQueue', () => {
  it('sends 23 clusters in batches of 10, 10 and 3, one message body per cluster', async () => {
    sqs.on(SendBatch).resolves({ Successful: [], Failed: [] } as never);
    await expect(new SqsScanQueue(client, url).enqueue(targets)).resolves.toEqual([]);
    const batches = sqs.commandCalls(SendBatch).map((c) => (c.args[0] as SendMessageBatchCommand).input);
    expect(batches.map((b) => b.Entries?.length)).toEqual([10, 10, 3]);
    expect(batches.every((b) => b.QueueUrl === url)).toBe(true);
    expect(JSON.parse(batches[2]?.Entries?.[2]?.MessageBody ?? '')).toEqual({
      name: 'c22',
      region: 'eu-west-1',
    });
  });

  it('names the clusters SQS rejected, and every cluster of a batch whose call failed', async () => {
    sqs
      .on(SendBatch)
      .resolvesOnce({
        Failed: [{ Id: '4', Code: 'InternalError', Message: 'try again', SenderFault: false }],
      } as never)
      .rejectsOnce(new Error('socket hang up'))
      .resolves({} as never);
    const failures = await new SqsScanQueue(client, url).enqueue(targets);
    expect(failures[0]).toEqual({ target: '/eu-west-1/c4', detail: 'InternalError: try again' });
    expect(failures.slice(1).map((f) => f.target)).toEqual(
      targets.slice(10, 20).map((t) => `/eu-west-1/${t.name}`),
    );
    expect(failures[1]?.detail).toBe('SendMessageBatch failed: socket hang up');
  });
});
