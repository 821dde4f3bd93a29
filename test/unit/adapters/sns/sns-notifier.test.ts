/** SnsNotifier against a mocked SNS client (nothing local speaks the SNS protocol). */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  alertPayload,
  alertSubject,
  fitMessage,
  MAX_SOURCES,
  SnsDeliveryError,
  SnsNotifier,
  snsSubject,
} from '#adapters/sns/sns-notifier';
import type { AlertMessage } from '#ports/notifier';

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:certwatch-alerts';
const DIGEST_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:certwatch-digest';
// aws-sdk-client-mock resolves the hoisted @smithy/types 2.x (from client-acm-pca 3.523) while
// client-sns 3.1169 uses 4.x: same runtime, different types, hence the `as never` casts.
const sns = mockClient(SNSClient as never);
const Publish = PublishCommand as never;

const alert: AlertMessage = {
  key: 'prod-eu|root_expiring|ab12',
  transition: 'opened',
  cluster: 'prod-eu',
  mesh: 'istio',
  level: 'root',
  subject: 'O=cluster.local',
  daysLeft: 12,
  finding: {
    severity: 'critical',
    rule: 'root_expiring',
    fingerprint: 'ab12',
    message: 'Istio root expires on 2026-12-06.',
    remediation: 'Rotate cacerts.',
  },
  sources: [{ kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'root-cert.pem' }],
};

const notifier = () =>
  new SnsNotifier({
    client: new SNSClient({ region: 'eu-west-1' }),
    alertTopicArn: TOPIC,
    digestTopicArn: DIGEST_TOPIC,
  });

beforeEach(() => sns.reset());

describe('SnsNotifier.sendAlert', () => {
  it('publishes the JSON schema with filter attributes and a readable subject', async () => {
    sns.on(Publish).resolves({ MessageId: 'msg-1' } as never);
    const receipt = await notifier().sendAlert(alert);
    expect(receipt).toEqual({ channel: 'sns', ref: 'msg-1' });
    expect(sns).toHaveReceivedCommandTimes(Publish, 1);
    const input = (sns.commandCalls(Publish)[0]!.args[0] as PublishCommand).input;
    expect(input.TopicArn).toBe(TOPIC);
    expect(input.Subject).toBe('[certwatch] CRITICAL prod-eu: istio root expires in 12 days');
    expect(input.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'alert' },
      severity: { DataType: 'String', StringValue: 'critical' },
      cluster: { DataType: 'String', StringValue: 'prod-eu' },
      clusterId: { DataType: 'String', StringValue: 'prod-eu' },
      rule: { DataType: 'String', StringValue: 'root_expiring' },
      transition: { DataType: 'String', StringValue: 'opened' },
      alertKey: { DataType: 'String', StringValue: 'prod-eu|root_expiring|ab12' },
      deliveryId: { DataType: 'String', StringValue: 'prod-eu|root_expiring|ab12|opened' },
    });
    expect(input.MessageStructure).toBe('json');
    const body = JSON.parse(input.Message ?? '') as { default: string; email: string };
    expect(Object.keys(body).sort()).toEqual(['default', 'email']);
    expect(body.email).toContain('CRITICAL (opened) in cluster prod-eu');
    expect(body.email).toContain('Istio root expires on 2026-12-06.');
    expect(body.email).toContain('What to do: Rotate cacerts.');
    expect(body.email).toContain('Secret istio-system/cacerts:root-cert.pem');
    expect(body.email).toContain('Rule: root_expiring (docs/rules.md#root_expiring');
    expect(body.email).not.toContain('{');
    expect(JSON.parse(body.default)).toEqual({
      schemaVersion: 1,
      kind: 'alert',
      key: 'prod-eu|root_expiring|ab12',
      transition: 'opened',
      cluster: 'prod-eu',
      clusterId: 'prod-eu',
      severity: 'critical',
      rule: 'root_expiring',
      message: 'Istio root expires on 2026-12-06.',
      remediation: 'Rotate cacerts.',
      fingerprint: 'ab12',
      subject: 'O=cluster.local',
      level: 'root',
      mesh: 'istio',
      daysLeft: 12,
      sources: alert.sources,
      sourcesTotal: 1,
    });
  });

  it('says RESOLVED in the subject of a resolution', () => {
    expect(alertSubject({ ...alert, transition: 'resolved' })).toBe(
      '[certwatch] RESOLVED CRITICAL prod-eu: istio root expires in 12 days',
    );
  });

  it('keeps a long, non-ASCII subject within SNS limits', () => {
    const long = { ...alert, cluster: `clüster-${'x'.repeat(150)}\nnext`, daysLeft: -3 };
    const subject = alertSubject(long);
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject.endsWith('...')).toBe(true);
    expect(snsSubject('  \n ')).toBe('certwatch');
  });

  it('throws with the topic and cause when SNS rejects the publish', async () => {
    sns.on(Publish).rejects(Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' }));
    const error = await notifier()
      .sendAlert(alert)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnsDeliveryError);
    expect((error as Error).message).toContain('NotFoundException: Topic does not exist');
    expect((error as Error).message).toContain(TOPIC);
  });

  it('throws when SNS answers without a MessageId', async () => {
    sns.on(Publish).resolves({});
    await expect(notifier().sendAlert(alert)).rejects.toThrow(/no MessageId/);
  });
});

describe('SNS size limits', () => {
  it('caps the sources listed in an alert and says how many there are', () => {
    const sources = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'ConfigMap',
      namespace: `ns-${i}`,
      name: 'root',
    }));
    const payload = alertPayload({ ...alert, sources });
    expect(payload.sources).toHaveLength(MAX_SOURCES);
    expect(payload.sourcesTotal).toBe(5000);
  });

  it('truncates a digest text over the SNS limit and says so', () => {
    const text = `a${'é'.repeat(200_000)}`; // odd length: the cut falls inside a character
    const fitted = fitMessage(text);
    expect(Buffer.byteLength(fitted, 'utf8')).toBeLessThanOrEqual(262_144);
    expect(fitted).toMatch(/\[truncated: the full text is 400001 bytes\]$/);
    expect(fitted).not.toContain('\uFFFD');
    expect(fitMessage('short')).toBe('short');
  });
});

describe('SnsNotifier.sendDigest', () => {
  it('publishes the plain text to the digest topic under the digest subject', async () => {
    sns.on(Publish).resolves({ MessageId: 'msg-2' } as never);
    const receipt = await notifier().sendDigest({
      subject: 'certwatch digest: 3 rotations due in the next 30 days (2 clusters)',
      text: 'line one\nline two',
      summary: 'short',
    });
    expect(receipt.ref).toBe('msg-2');
    const input = (sns.commandCalls(Publish)[0]!.args[0] as PublishCommand).input;
    expect(input.TopicArn).toBe(DIGEST_TOPIC);
    expect(input.Subject).toBe('certwatch digest: 3 rotations due in the next 30 days (2 clusters)');
    expect(input.MessageStructure).toBe('json');
    const body = JSON.parse(input.Message ?? '') as { default: string; email: string };
    expect(body.email).toBe('line one\nline two');
    expect(JSON.parse(body.default)).toEqual({
      schemaVersion: 1,
      kind: 'digest',
      subject: 'certwatch digest: 3 rotations due in the next 30 days (2 clusters)',
      text: 'line one\nline two',
    });
  });

  it('keeps a huge digest, text and JSON together, within the SNS limit', async () => {
    sns.on(Publish).resolves({ MessageId: 'msg-3' } as never);
    await notifier().sendDigest({ subject: 's', text: 'a"\\\n'.repeat(100_000), summary: 's' });
    const input = (sns.commandCalls(Publish)[0]!.args[0] as PublishCommand).input;
    expect(Buffer.byteLength(input.Message ?? '', 'utf8')).toBeLessThanOrEqual(250_000);
    expect(JSON.parse(input.Message ?? '').email).toMatch(/\[truncated: the full text is \d+ bytes\]$/);
  });
});
