/**
 * Retirement through the deployed handlers, on DynamoDB Local with the loopback Slack (SNS mocked):
 * a cluster neither dispatched nor scanned for retireAfterDays (default 7) is retired by the
 * dispatcher — its open alert resolves exactly once on both channels, noted "cluster retired", a
 * second run sends nothing — and the digest stops listing it. Before the window ends it raises no
 * scan_missed either: it is not dispatched any more.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { SlackNotifier } from '#adapters/slack/slack-notifier';
import { SnsNotifier } from '#adapters/sns/sns-notifier';
import { recordScan } from '#app/record-scan';
import { useTestClients } from '#config/compose';
import { ENV } from '#config/env-names';
import { eksClusterIdentity } from '#domain/cluster-identity';
import { DAY_MS, HOUR_MS } from '#domain/time';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

const T0 = new Date('2026-05-01T09:00:00Z');
const ALERTS = 'arn:aws:sns:eu-west-1:111111111111:alerts';
const DIGEST = 'arn:aws:sns:eu-west-1:111111111111:digest';
const CONTEXT = { invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:certwatch' };
const OLD = eksClusterIdentity({ name: 'old-eu', region: 'eu-west-1', account: '111111111111' });
// aws-sdk-client-mock's types lag the SDK's nested @smithy/types (runtime mocking is unaffected).
const sqs = mockClient(SQSClient as never);
const sns = mockClient(SNSClient as never);
const secrets = mockClient(SecretsManagerClient as never);
const Publish = PublishCommand as never;

let ddb: DynamoDbLocal;
let slack: SlackApi;
const clock = new FixedClock(T0);

const publishes = (topic: string) =>
  sns
    .commandCalls(Publish)
    .map((c) => (c.args[0] as PublishCommand).input)
    .filter((input) => input.TopicArn === topic);

beforeAll(async () => {
  [ddb, slack] = await Promise.all([startDynamoDbLocal(), startSlackApi()]);
  const dynamodb = ddb.client();
  await createHistoryTable(dynamodb, 'history');
  useTestClients({ slackApiUrl: slack.url, dynamodb, clock, wallClock: clock });
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-1',
    [ENV.tableName]: 'history',
    [ENV.scanQueueUrl]: 'https://sqs.eu-west-1.amazonaws.com/111111111111/scans',
    [ENV.clusters]: JSON.stringify([{ name: 'prod-eu', region: 'eu-west-1' }]),
    [ENV.alertsTopicArn]: ALERTS,
    [ENV.digestTopicArn]: DIGEST,
    [ENV.slackChannel]: 'C0CERTWATCH',
    [ENV.slackTokenSecret]: 'certwatch/slack',
  });
  sqs.on(SendMessageBatchCommand as never).resolves({ Successful: [], Failed: [] } as never);
  sns.on(Publish).resolves({ MessageId: 'msg-1' } as never);
  secrets.on(GetSecretValueCommand as never).resolves({ SecretString: slack.token } as never);
  // old-eu was scanned once, at T0, with a critical root: one alert open on both channels.
  const root = assessed({
    name: 'old-root',
    notBefore: '2025-01-01T00:00:00Z',
    notAfter: '2026-05-20T00:00:00Z',
    sources: [{ kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'root-cert.pem' }],
    severity: 'critical',
  });
  const finding = {
    severity: 'critical' as const,
    rule: 'expiring_soon',
    fingerprint: fingerprintOf('old-root'),
    message: 'root expires on 2026-05-20',
  };
  const store = new DynamoDbHistoryStore(dynamodb, 'history');
  const notifiers = [
    new SnsNotifier({ client: new SNSClient({ region: 'eu-west-1' }), alertTopicArn: ALERTS }),
    new SlackNotifier({ token: slack.token, channel: 'C0CERTWATCH', slackApiUrl: slack.url }),
  ];
  await recordScan(
    { store, notifiers, clock },
    {
      cluster: OLD.id,
      identity: OLD,
      assessment: { certificates: [root], findings: [finding], errors: [] },
      status: 'ok',
    },
  );
}, 120_000);

afterAll(async () => {
  useTestClients({});
  await Promise.all([ddb?.stop(), slack?.stop()]);
});

describe('a cluster gone for retireAfterDays retires', () => {
  it('starts with old-eu’s alert open on Slack and SNS, and the digest listing it', async () => {
    expect(slack.messages).toHaveLength(1);
    expect(publishes(ALERTS)).toHaveLength(1);
    clock.set(new Date(T0.getTime() + DAY_MS));
    const { handler } = require('#handlers/digest') as typeof import('#handlers/digest');
    await handler();
    expect(publishes(DIGEST).at(-1)?.Message).toContain('old-eu');
  });

  it('is not dispatched any more: no scan_missed for it, and not retired before the window ends', async () => {
    const { handler } = require('#handlers/dispatch') as typeof import('#handlers/dispatch');
    const slackBefore = slack.messages.length;
    clock.set(new Date(T0.getTime() + 3 * DAY_MS));
    await expect(handler(undefined, CONTEXT)).resolves.toEqual({
      dispatched: 1,
      failed: 0,
      missedAlerts: 0,
      retired: 0,
    });
    expect(slack.messages).toHaveLength(slackBefore);
  });

  it('after 7 days its open alert resolves once, noted "cluster retired", on both channels', async () => {
    const { handler } = require('#handlers/dispatch') as typeof import('#handlers/dispatch');
    const slackBefore = slack.messages.length;
    const snsBefore = publishes(ALERTS).length;
    clock.set(new Date(T0.getTime() + 7 * DAY_MS + HOUR_MS));
    await expect(handler(undefined, CONTEXT)).resolves.toMatchObject({ retired: 1, missedAlerts: 0 });
    const resolved = slack.messages.slice(slackBefore);
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.thread_ts).toBe(slack.messages[0]?.ts);
    expect(resolved[0]?.text).toContain('cluster retired');
    const snsResolved = publishes(ALERTS).slice(snsBefore);
    expect(snsResolved).toHaveLength(1);
    expect(snsResolved[0]?.Message).toContain('cluster retired');
  });

  it('a second run sends nothing', async () => {
    const { handler } = require('#handlers/dispatch') as typeof import('#handlers/dispatch');
    const slackBefore = slack.messages.length;
    const snsBefore = publishes(ALERTS).length;
    clock.set(new Date(T0.getTime() + 7 * DAY_MS + 2 * HOUR_MS));
    await expect(handler(undefined, CONTEXT)).resolves.toMatchObject({ retired: 0, missedAlerts: 0 });
    clock.set(new Date(T0.getTime() + 9 * DAY_MS));
    await expect(handler(undefined, CONTEXT)).resolves.toMatchObject({ retired: 0, missedAlerts: 0 });
    expect(slack.messages).toHaveLength(slackBefore);
    expect(publishes(ALERTS)).toHaveLength(snsBefore);
  });

  it('the digest no longer lists it', async () => {
    const { handler } = require('#handlers/digest') as typeof import('#handlers/digest');
    await handler();
    const digest = publishes(DIGEST).at(-1)?.Message ?? '';
    expect(digest).not.toBe('');
    expect(digest).not.toContain('old-eu');
  });
});
