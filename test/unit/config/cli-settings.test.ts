import { recordScans } from '#app/record-scan';
import { cliSettings, notifySettings } from '#config/cli-settings';
import { compose } from '#config/compose';
import { assessed } from '#support/fakes/assessed-certificate';

const env = { SLACK_BOT_TOKEN: 'xoxb-secret-token', SLACK_API_URL: 'http://127.0.0.1:9/api/' };
const topic = 'arn:aws:sns:eu-west-1:123456789012:certwatch-alerts';

describe('notifySettings', () => {
  it('builds one notifier per channel from flags and environment', async () => {
    const flags = { notify: 'slack,sns', slackChannel: 'C01', snsTopicArn: topic };
    const config = notifySettings(flags, env);
    expect(config).toMatchObject({
      channels: ['slack', 'sns'],
      slack: { channel: 'C01' },
      sns: { alertTopicArn: topic },
    });
    const root = compose(cliSettings(flags, { env, cwd: '/' }));
    expect((await root.notifiers()).map((n) => n.channel)).toEqual(['slack', 'sns']);
  });

  it('means no channels without --notify', () => {
    expect(notifySettings({}, {}).channels).toEqual([]);
  });

  it.each([
    [{ notify: 'slack', slackChannel: 'C01' }, {}, /SLACK_BOT_TOKEN is required/],
    [{ notify: 'slack' }, env, /--slack-channel/],
    [{ notify: 'sns' }, {}, /--sns-topic-arn is required/],
    [{ notify: 'sns', snsTopicArn: 'arn:nope' }, {}, /--sns-topic-arn: expected an SNS topic ARN/],
    [{ notify: 'email' }, {}, /^invalid --notify 'email': expected one or more of slack, sns$/],
    [{ notify: 'slack', slackChannel: 'C01' }, { ...env, SLACK_API_URL: 'not a url' }, /SLACK_API_URL/],
  ])('rejects %j with a message naming the setting', (flags, environment, message) => {
    expect(() => notifySettings(flags, environment)).toThrow(message);
  });

  it('never puts the token in an error', () => {
    let message = '';
    try {
      notifySettings({ notify: 'slack', slackChannel: 'C01' }, { ...env, SLACK_API_URL: 'bad' });
    } catch (error) {
      message = String((error as Error).message);
    }
    expect(message).toMatch(/SLACK_API_URL/);
    expect(message).not.toContain('xoxb');
  });
});

describe('the CLI store settings', () => {
  it('record nothing without --store, refuse an unknown store, and record into a memory store', async () => {
    const io = { env: {}, cwd: '/' };
    expect(cliSettings({}, io).history).toBeUndefined();
    expect(() => cliSettings({ store: 'redis' }, io)).toThrow(/invalid --store 'redis'/);
    expect(() => cliSettings({ store: 'dynamodb' }, io)).toThrow(
      /--store dynamodb needs CERTWATCH_TABLE_NAME/,
    );
    const root = compose(cliSettings({ store: 'memory', now: new Date('2030-01-01T00:00:00Z') }, io));
    const opened = await root.openHistory();
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
    };
    const [recorded] = await recordScans(await root.recordScanDeps(opened.store), [scan]);
    expect(recorded).toEqual({ historyFindings: [], undelivered: [] });
    const history = await opened.store.loadEvents('c');
    expect(history.map((e) => e.type)).toEqual(['appeared']);
    await opened.close();
  });
});
