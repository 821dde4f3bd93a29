import { buildNotifiers, parseNotifyConfig } from '../../../lambda/config/notify-config';
import { openScanRecorder } from '../../../lambda/config/scan-recorder';
import { assessed } from '../../support/fakes/assessed-certificate';
import { FixedClock } from '../../support/fakes/fixed-clock';

const env = { SLACK_BOT_TOKEN: 'xoxb-secret-token', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
const topic = 'arn:aws:sns:eu-west-1:123456789012:certwatch-alerts';

describe('parseNotifyConfig', () => {
  it('builds one notifier per channel from flags and environment', () => {
    const config = parseNotifyConfig({ notify: 'slack,sns', slackChannel: 'C01', snsTopicArn: topic }, env);
    expect(config).toMatchObject({ channels: ['slack', 'sns'], slackChannel: 'C01', snsTopicArn: topic });
    expect(buildNotifiers(config).map((n) => n.channel)).toEqual(['slack', 'sns']);
  });

  it('means no channels without --notify', () => {
    expect(parseNotifyConfig({}, {}).channels).toEqual([]);
  });

  it.each([
    [{ notify: 'slack', slackChannel: 'C01' }, {}, /SLACK_BOT_TOKEN is required/],
    [{ notify: 'slack' }, env, /--slack-channel/],
    [{ notify: 'sns' }, {}, /--sns-topic-arn is required/],
    [{ notify: 'sns', snsTopicArn: 'arn:nope' }, {}, /--sns-topic-arn: expected an SNS topic ARN/],
    [{ notify: 'email' }, {}, /--notify: .*got 'email'; expected slack, sns/],
    [{ notify: 'slack', slackChannel: 'C01' }, { ...env, SLACK_API_URL: 'not a url' }, /SLACK_API_URL/],
  ])('rejects %j with a message naming the setting', (flags, environment, message) => {
    expect(() => parseNotifyConfig(flags, environment)).toThrow(message);
  });

  it('never puts the token in an error', () => {
    let message = '';
    try {
      parseNotifyConfig({ notify: 'slack', slackChannel: 'C01' }, { ...env, SLACK_API_URL: 'bad' });
    } catch (error) {
      message = String((error as Error).message);
    }
    expect(message).toMatch(/SLACK_API_URL/);
    expect(message).not.toContain('xoxb');
  });
});

describe('openScanRecorder', () => {
  it('is absent without --store and --notify, and records into a memory store otherwise', async () => {
    const clock = new FixedClock('2030-01-01T00:00:00Z');
    expect(await openScanRecorder({}, {}, clock)).toBeUndefined();
    await expect(openScanRecorder({ store: 'redis' }, {}, clock)).rejects.toThrow(/invalid --store 'redis'/);
    const recorder = await openScanRecorder({ store: 'memory' }, {}, clock);
    const cert = assessed({
      name: 'a',
      notBefore: '2029-01-01T00:00:00Z',
      notAfter: '2031-01-01T00:00:00Z',
      sources: [{ kind: 'Secret', name: 's' }],
    });
    const scan = {
      cluster: 'c',
      status: 'ok' as const,
      assessment: { certificates: [cert], findings: [], errors: [] },
      signals: [],
      failures: [],
      sources: [],
      durationMs: 5,
    };
    const result = await recorder!.record(scan);
    expect(result.events.map((e) => e.type)).toEqual(['appeared']);
    await recorder!.close();
  });
});
