/**
 * recordScan through the real SlackNotifier (loopback Slack API with scripted faults) and the real
 * SnsNotifier (SNS client mocked: nothing local speaks SNS): each alert delivered exactly once,
 * follow-ups threaded, a failed channel retried on the next run.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SlackNotifier } from '#adapters/slack/slack-notifier';
import { SnsNotifier } from '#adapters/sns/sns-notifier';
import { type RecordScanDeps, recordScan } from '#app/record-scan';
import type { Assessment, Finding } from '#domain/model';
import type { Notifier } from '#ports/notifier';
import { assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '#support/fakes/in-memory-history-store';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

const anchor = assessed({
  name: 'trust-anchor',
  notBefore: '2030-01-01T00:00:00Z',
  notAfter: '2030-07-01T00:00:00Z',
  sources: [
    { kind: 'ConfigMap', namespace: 'linkerd', name: 'linkerd-identity-trust-roots', key: 'ca-bundle.crt' },
  ],
  level: 'root',
  role: 'linkerd-trust-anchor',
  mesh: 'linkerd',
  daysLeft: 20,
});
const expiring: Finding = {
  severity: 'critical',
  rule: 'root_expiring',
  fingerprint: fingerprintOf('trust-anchor'),
  message: 'trust anchor expires in 20 days',
};
const broken: Assessment = { certificates: [anchor], findings: [expiring], errors: [] };
const fixed: Assessment = { certificates: [anchor], findings: [], errors: [] };

let slackApi: SlackApi;
beforeEach(async () => {
  slackApi = await startSlackApi();
});
afterEach(async () => {
  await slackApi.stop();
});

function setup(extra: Notifier[] = []) {
  const slack = new SlackNotifier({ token: slackApi.token, channel: 'C0ALERTS', slackApiUrl: slackApi.url });
  const store = new InMemoryHistoryStore();
  const clock = new FixedClock('2030-06-11T00:00:00Z');
  const deps: RecordScanDeps = { store, notifiers: [slack, ...extra], clock };
  const run = async (assessment: Assessment) => {
    const result = await recordScan(deps, { cluster: 'edge', assessment, status: 'ok' });
    clock.advance(3600_000);
    return result;
  };
  return { run, store };
}

describe('recordScan with the real Slack and SNS notifiers', () => {
  it('posts once for two identical scans, and resolves in the thread once fixed', async () => {
    const { run } = setup();
    await run(broken);
    await run(broken);
    expect(slackApi.messages).toHaveLength(1);
    await run(fixed);
    await run(fixed);
    expect(slackApi.messages).toHaveLength(2);
    expect(slackApi.messages[1]?.thread_ts).toBe(slackApi.messages[0]?.ts);
  });

  it('delivers exactly once when Slack answers 429 then 200', async () => {
    const { run } = setup();
    slackApi.failNext({ type: 'rate_limited', retryAfterSeconds: 1 });
    const first = await run(broken);
    expect(first.alerts.map((a) => a.delivered)).toEqual([true]);
    await run(broken);
    expect(slackApi.calls()).toBe(2);
    expect(slackApi.messages).toHaveLength(1);
  });

  it('delivers exactly once when Slack fails with 500 once', async () => {
    const { run } = setup();
    slackApi.failNext({ type: 'http_error', status: 500 });
    await run(broken);
    await run(broken);
    expect(slackApi.messages).toHaveLength(1);
  });

  it('keeps the alert pending while Slack is down and delivers it on the next run', async () => {
    const { run, store } = setup();
    slackApi.failAlways({ type: 'http_error', status: 503 });
    const down = await run(broken);
    expect(down.alerts).toEqual([expect.objectContaining({ channel: 'slack', delivered: false })]);
    expect([...store.alerts.values()][0]?.channels).toEqual({});
    slackApi.clearFaults();
    await run(broken);
    await run(broken);
    expect(slackApi.messages).toHaveLength(1);
  });

  it('retries SNS on the next run after a failed publish, without re-posting to Slack', async () => {
    // `as never`: aws-sdk-client-mock sees an older @smithy/types than client-sns (same runtime).
    const snsMock = mockClient(SNSClient as never);
    const Publish = PublishCommand as never;
    snsMock
      .on(Publish)
      .rejectsOnce(new Error('Throttling'))
      .resolves({ MessageId: 'sns-1' } as never);
    const sns = new SnsNotifier({
      client: new SNSClient({ region: 'us-east-1' }),
      alertTopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
    });
    const { run, store } = setup([sns]);
    const first = await run(broken);
    expect(first.alerts.map((a) => [a.channel, a.delivered])).toEqual([
      ['slack', true],
      ['sns', false],
    ]);
    const second = await run(broken);
    expect(second.alerts.map((a) => [a.channel, a.delivered])).toEqual([['sns', true]]);
    await run(broken);
    expect(snsMock.commandCalls(Publish)).toHaveLength(2);
    expect(slackApi.messages).toHaveLength(1);
    expect([...store.alerts.values()][0]?.channels.sns).toMatchObject({ state: 'open', ref: 'sns-1' });
    snsMock.restore();
  });
});
