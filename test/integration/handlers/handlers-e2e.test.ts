/**
 * The three Lambda handlers end to end, as deployed, with nothing from AWS but mocks where nothing
 * local speaks the protocol: dispatch → SQS (mocked, messages captured) → scan handler against the
 * Kubernetes simulator (EKS DescribeCluster mocked; the simulator accepts only an EKS token signed
 * for the right cluster, checked by re-signing it) → DynamoDB Local → loopback Slack + mocked SNS;
 * then the digest handler builds the digest from that history; later dispatches notice a cluster
 * whose scans stopped arriving. Clock: Date is faked to a fixed now.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { createEksToken } from '#adapters/eks/eks-token';
import { useTestClients } from '#config/compose';
import { ENV } from '#config/env-names';
import { type Simulator, startSimulator } from '#simulator';
import { istioStaleCopy, SCANNER, withScannerRbac } from '#simulator/scenarios';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

const NOW = new Date('2026-05-01T09:00:00Z');
const KEYS = { accessKeyId: 'AKIDE2ETEST', secretAccessKey: 'e2e-secret-key' };
const ALERTS = 'arn:aws:sns:eu-west-1:111111111111:alerts';
const DIGEST = 'arn:aws:sns:eu-west-1:111111111111:digest';
// aws-sdk-client-mock's types lag the SDK's nested @smithy/types (runtime mocking is unaffected).
const eks = mockClient(EKSClient as never);
const sqs = mockClient(SQSClient as never);
const sns = mockClient(SNSClient as never);
const secrets = mockClient(SecretsManagerClient as never);
const DescribeCluster = DescribeClusterCommand as never;
const SendBatch = SendMessageBatchCommand as never;
const Publish = PublishCommand as never;
const GetSecret = GetSecretValueCommand as never;

let ddb: DynamoDbLocal;
let slack: SlackApi;
let sim: Simulator;
const authAttempts: string[] = [];

/** The token is valid only if re-signing it for `prod-eu` at its own X-Amz-Date gives the same token. */
async function eksAuthenticate(token: string) {
  if (!token.startsWith('k8s-aws-v1.')) return undefined;
  const url = new URL(Buffer.from(token.slice(11), 'base64url').toString('utf8'));
  const stamp = url.searchParams.get('X-Amz-Date') ?? '';
  const signingDate = new Date(
    stamp.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
  );
  const expected = await createEksToken({
    clusterName: 'prod-eu',
    region: 'eu-west-1',
    credentials: KEYS,
    signingDate,
  });
  authAttempts.push(expected.token === token ? 'ok' : 'rejected');
  return expected.token === token ? { name: SCANNER.name, groups: [...(SCANNER.groups ?? [])] } : undefined;
}

beforeAll(async () => {
  [ddb, slack] = await Promise.all([startDynamoDbLocal(), startSlackApi()]);
  const bundle = withScannerRbac(await istioStaleCopy(NOW));
  sim = await startSimulator({ scenario: bundle.scenario, authenticate: eksAuthenticate });
  // Only Date is faked, after the simulator minted its TLS serving certificate with the real clock
  // (OpenSSL checks that one against the real time).
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  // DynamoDB Local keeps one database per access key and region: create the table as the handlers see it.
  await createHistoryTable(
    new DynamoDBClient({ endpoint: ddb.endpoint, region: 'eu-west-1', credentials: KEYS }),
    'history',
  );
  // The handlers compose themselves at load; the loopback Slack comes in through the test seam.
  useTestClients({ slackApiUrl: slack.url });
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
    [ENV.tableName]: 'history',
    [ENV.scanQueueUrl]: 'https://sqs.eu-west-1.amazonaws.com/111111111111/scans',
    [ENV.clusters]: JSON.stringify([{ name: 'prod-eu', region: 'eu-west-1' }]),
    [ENV.alertsTopicArn]: ALERTS,
    [ENV.digestTopicArn]: DIGEST,
    [ENV.slackChannel]: 'C0CERTWATCH',
    [ENV.slackTokenSecret]: 'certwatch/slack',
  });
  const described = (name: string) => ({
    cluster: {
      name,
      status: 'ACTIVE',
      endpoint: sim.url,
      certificateAuthority: { data: Buffer.from(sim.caPem).toString('base64') },
    },
  });
  eks.on(DescribeCluster, { name: 'prod-eu' }).resolves(described('prod-eu') as never);
  eks.on(DescribeCluster, { name: 'impostor' }).resolves(described('impostor') as never);
  sqs.on(SendBatch).resolves({ Successful: [], Failed: [] } as never);
  sns
    .on(Publish)
    .callsFake((input: { TopicArn: string }) => ({ MessageId: `msg-${input.TopicArn.slice(-6)}` }));
  secrets.on(GetSecret, { SecretId: 'certwatch/slack' }).resolves({ SecretString: slack.token } as never);
}, 120_000);

afterAll(async () => {
  jest.useRealTimers();
  useTestClients({});
  await Promise.all([ddb?.stop(), slack?.stop(), sim?.stop()]);
});

/** The Lambda context part the handlers read: the function ARN names the account they run in. */
const CONTEXT = {
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:certwatch',
  getRemainingTimeInMillis: () => 300_000,
};

function sqsEvent(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({ messageId: `m-${i}`, body }) as SQSEvent['Records'][number]),
  };
}

describe('handlers end to end', () => {
  let messages: string[] = [];

  it('dispatch sends one SQS message per configured cluster', async () => {
    const { handler } = require('#handlers/dispatch') as typeof import('#handlers/dispatch');
    await expect(handler(undefined, CONTEXT)).resolves.toEqual({
      dispatched: 1,
      failed: 0,
      missedAlerts: 0,
      retired: 0,
    });
    const calls = sqs.commandCalls(SendBatch);
    expect(calls).toHaveLength(1);
    messages = ((calls[0]?.args[0] as SendMessageBatchCommand | undefined)?.input.Entries ?? []).map(
      (e) => e.MessageBody ?? '',
    );
    // Configured without an account: the dispatcher's own, so the cluster's identity is complete.
    expect(messages.map((m) => JSON.parse(m))).toEqual([
      { name: 'prod-eu', region: 'eu-west-1', account: '111111111111' },
    ]);
  });

  it('scan reads the cluster with an EKS token for it, records history and alerts Slack and SNS', async () => {
    const { handler } = require('#handlers/scan') as typeof import('#handlers/scan');
    await expect(handler(sqsEvent(messages), CONTEXT)).resolves.toEqual({ batchItemFailures: [] });
    expect(authAttempts).toContain('ok');
    expect(authAttempts).not.toContain('rejected');
    expect(sim.requests.some((r) => r.path.includes('istio-ca-secret'))).toBe(true);
    const alertPublishes = sns
      .commandCalls(Publish)
      .filter((c) => (c.args[0] as PublishCommand).input.TopicArn === ALERTS);
    expect(alertPublishes.length).toBeGreaterThan(0);
    expect(slack.messages).toHaveLength(alertPublishes.length);
    expect(JSON.stringify(slack.messages)).toContain('istio');
    const store = new DynamoDbHistoryStore(
      new DynamoDBClient({ endpoint: ddb.endpoint, region: 'eu-west-1', credentials: KEYS }),
      'history',
    );
    const [overview] = await store.listClusters();
    expect(overview?.state).toMatchObject({ name: 'prod-eu', where: '111111111111/eu-west-1' });
    expect(overview?.lastSummary).toMatchObject({
      cluster: 'eks:111111111111:eu-west-1:prod-eu',
      status: 'ok',
      lastSuccessAt: NOW.toISOString(),
    });
  });

  it('a token signed for another cluster is refused: the message is a batch item failure', async () => {
    const { handler } = require('#handlers/scan') as typeof import('#handlers/scan');
    const body = JSON.stringify({ name: 'impostor', region: 'eu-west-1' });
    await expect(handler(sqsEvent([body]), CONTEXT)).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-0' }],
    });
    expect(authAttempts).toContain('rejected');
  });

  it('digest builds the digest from that history and sends it to both channels', async () => {
    const slackBefore = slack.messages.length;
    const { handler } = require('#handlers/digest') as typeof import('#handlers/digest');
    const result = await handler();
    expect([...result.delivered].sort()).toEqual(['slack', 'sns']);
    const digest = sns
      .commandCalls(Publish)
      .find((c) => (c.args[0] as PublishCommand).input.TopicArn === DIGEST);
    expect((digest?.args[0] as PublishCommand | undefined)?.input.Message).toContain('prod-eu');
    expect(slack.messages.length).toBe(slackBefore + 1);
  });

  it('a later dispatch alerts once on a cluster whose scans stopped arriving (scan_missed)', async () => {
    const { handler } = require('#handlers/dispatch') as typeof import('#handlers/dispatch');
    // The scan interval defaults to 60 min; three missed intervals make the warning.
    jest.setSystemTime(new Date(NOW.getTime() + 2 * 3600_000));
    await expect(handler(undefined, CONTEXT)).resolves.toEqual({
      dispatched: 1,
      failed: 0,
      missedAlerts: 0,
      retired: 0,
    });
    const slackBefore = slack.messages.length;
    jest.setSystemTime(new Date(NOW.getTime() + 4 * 3600_000));
    await expect(handler(undefined, CONTEXT)).resolves.toEqual({
      dispatched: 1,
      failed: 0,
      missedAlerts: 2,
      retired: 0,
    });
    const missed = slack.messages.slice(slackBefore);
    expect(missed).toHaveLength(1);
    expect(missed[0]?.text).toContain('Cluster prod-eu has not been scanned successfully since');
    const missedSns = sns
      .commandCalls(Publish)
      .filter((c) => (c.args[0] as PublishCommand).input.Message?.includes('scan_missed'));
    expect(missedSns).toHaveLength(1);
    jest.setSystemTime(new Date(NOW.getTime() + 5 * 3600_000));
    await expect(handler(undefined, CONTEXT)).resolves.toEqual({
      dispatched: 1,
      failed: 0,
      missedAlerts: 0,
      retired: 0,
    });
    expect(slack.messages).toHaveLength(slackBefore + 1);
  });
});
