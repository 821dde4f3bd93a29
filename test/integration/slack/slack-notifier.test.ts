/** SlackNotifier through the real WebClient against the loopback Slack API. */
import { inspect } from 'node:util';
import { SlackDeliveryError } from '#adapters/slack/slack-delivery-error';
import { SlackNotifier } from '#adapters/slack/slack-notifier';
import type { AlertMessage } from '#ports/notifier';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

const TOKEN = 'xoxb-1234-secret-token-abcdef';

const opened: AlertMessage = {
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
    message: 'Istio root O=cluster.local expires on 2026-12-06 (12 days).',
    remediation: 'Rotate the plug-in CA: new root next to the old one in cacerts, restart istiod.',
  },
  sources: [
    { kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'root-cert.pem' },
    ...['a', 'b', 'c', 'd'].map((ns) => ({ kind: 'ConfigMap', namespace: ns, name: 'istio-ca-root-cert' })),
  ],
};

let api: SlackApi;
beforeEach(async () => {
  api = await startSlackApi({ token: TOKEN });
});
afterEach(async () => {
  await api.stop();
});

const notifier = (extra: Partial<ConstructorParameters<typeof SlackNotifier>[0]> = {}) =>
  new SlackNotifier({ token: TOKEN, channel: 'C0ALERTS', slackApiUrl: api.url, ...extra });

function blockText(blocks: unknown[] | undefined): string {
  return JSON.stringify(blocks ?? []);
}

describe('SlackNotifier alerts', () => {
  it('posts blocks an operator can act on, and returns the ts', async () => {
    const receipt = await notifier().sendAlert(opened);
    expect(api.messages).toHaveLength(1);
    const [posted] = api.messages;
    expect(receipt).toEqual({ channel: 'slack', ref: posted?.ts });
    expect(posted?.channel).toBe('C0ALERTS');
    expect(posted?.thread_ts).toBeUndefined();
    expect(posted?.text).toBe(
      '[CRITICAL] prod-eu: Istio root O=cluster.local expires on 2026-12-06 (12 days).',
    );
    const header = posted?.blocks?.[0] as { type: string; text: { text: string } };
    expect(header.type).toBe('header');
    expect(header.text.text).toBe(':red_circle: Root expiring');
    const all = blockText(posted?.blocks);
    for (const expected of ['prod-eu', 'istio', 'root', 'O=cluster.local', '12 d', 'Rotate the plug-in CA']) {
      expect(all).toContain(expected);
    }
    expect(all).toContain('Secret istio-system/cacerts [root-cert.pem]');
    expect(all).toContain('+2 more');
  });

  it('threads the resolution under the opening message without broadcasting it', async () => {
    const slack = notifier();
    const first = await slack.sendAlert(opened);
    await slack.sendAlert({ ...opened, transition: 'resolved', threadRef: first.ref });
    expect(api.messages).toHaveLength(2);
    const resolved = api.messages[1];
    expect(resolved?.thread_ts).toBe(first.ref);
    expect(resolved?.reply_broadcast).toBe(false);
    expect(resolved?.text).toMatch(/^Resolved: /);
    expect(blockText(resolved?.blocks)).toContain(':white_check_mark: Resolved: Root expiring');
  });

  it('threads an escalation and broadcasts it to the channel', async () => {
    const slack = notifier();
    const first = await slack.sendAlert(opened);
    await slack.sendAlert({ ...opened, transition: 'escalated', threadRef: first.ref });
    expect(api.messages[1]?.thread_ts).toBe(first.ref);
    expect(api.messages[1]?.reply_broadcast).toBe(true);
  });

  it('waits out a 429 with Retry-After and delivers exactly once', async () => {
    api.failNext({ type: 'rate_limited', retryAfterSeconds: 1 });
    const started = Date.now();
    const receipt = await notifier().sendAlert(opened);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(api.calls()).toBe(2);
    expect(api.messages.map((m) => m.ts)).toEqual([receipt.ref]);
  });

  it('fails instead of waiting when Retry-After exceeds the cap', async () => {
    api.failNext({ type: 'rate_limited', retryAfterSeconds: 60 });
    const started = Date.now();
    await expect(notifier().sendAlert(opened)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(api.messages).toHaveLength(0);
  });

  it('fails as rate_limited on a 429 without Retry-After', async () => {
    api.failNext({ type: 'rate_limited' });
    await expect(notifier().sendAlert(opened)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(api.calls()).toBe(1);
  });

  it('retries a 500 once and delivers exactly once', async () => {
    api.failNext({ type: 'http_error', status: 500 });
    await notifier().sendAlert(opened);
    expect(api.calls()).toBe(2);
    expect(api.messages).toHaveLength(1);
  });

  it('does not retry a connection lost mid-request: it may have posted', async () => {
    api.failNext({ type: 'drop' });
    await expect(notifier().sendAlert(opened)).rejects.toMatchObject({ code: 'connection_lost' });
    expect(api.calls()).toBe(1);
  });

  it('does not retry a timed-out request, so a slow Slack never gets the alert twice', async () => {
    api.failNext({ type: 'delay', ms: 800 });
    const started = Date.now();
    await expect(notifier({ timeoutMs: 200 }).sendAlert(opened)).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(700);
    await new Promise((resolve) => setTimeout(resolve, 900)); // the slow server finishes its post
    expect(api.calls()).toBe(1);
    expect(api.messages).toHaveLength(1);
  });

  it('throws SlackDeliveryError with the Slack code on ok:false, without retrying', async () => {
    api.failNext({ type: 'slack_error', error: 'channel_not_found' });
    const error = await notifier()
      .sendAlert(opened)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackDeliveryError);
    expect(error).toMatchObject({ code: 'channel_not_found' });
    expect(api.calls()).toBe(1);
    expect(api.messages).toHaveLength(0);
  });

  it('reports invalid_auth for a wrong token and never shows the token', async () => {
    const wrong = 'xoxb-9999-wrong-token-zzz';
    const error = await new SlackNotifier({ token: wrong, channel: 'C0ALERTS', slackApiUrl: api.url })
      .sendAlert(opened)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_auth' });
    expect(inspect(error, { depth: 10 })).not.toContain(wrong);
  });
});

describe('SlackNotifier with Slack down', () => {
  it('fails within seconds when every call answers 500', async () => {
    api.failAlways({ type: 'http_error', status: 503 });
    const started = Date.now();
    const error = await notifier()
      .sendAlert(opened)
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toMatchObject({ code: 'http_503' });
    expect(api.calls()).toBe(3); // first try + 2 bounded retries
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
  });

  it('fails within seconds when the connection is refused', async () => {
    const url = api.url;
    await api.stop();
    api = await startSlackApi({ token: TOKEN }); // afterEach needs a live server to stop
    const started = Date.now();
    const error = await new SlackNotifier({ token: TOKEN, channel: 'C0ALERTS', slackApiUrl: url })
      .sendAlert(opened)
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(SlackDeliveryError);
    expect(error).toMatchObject({ code: 'unreachable' });
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
    expect(String((error as Error).stack)).not.toContain(TOKEN);
  });
});

describe('SlackNotifier digests', () => {
  it('posts the subject as header and the summary as text', async () => {
    const receipt = await notifier().sendDigest({
      subject: 'certwatch digest: 2 rotations due in the next 30 days (1 cluster)',
      summary: 'prod-eu: Istio root expires 2026-12-06 (12 d).',
      text: 'long text',
    });
    const [posted] = api.messages;
    expect(receipt.ref).toBe(posted?.ts);
    expect(posted?.text).toBe('prod-eu: Istio root expires 2026-12-06 (12 d).');
    expect(blockText(posted?.blocks)).toContain('2 rotations due in the next 30 days');
  });
});
