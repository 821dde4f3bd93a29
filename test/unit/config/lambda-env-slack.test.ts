/**
 * The deployed Lambdas send their Slack bot token to Slack's own API only: no environment variable
 * (which whoever edits the function's configuration could set) moves the endpoint. Tests reach a
 * loopback Slack through the composition's code-only seam (useTestClients), see handlers-e2e.
 */
import { ENV } from '#config/env-names';
import { readLambdaEnv } from '#config/lambda-env';

const base = {
  [ENV.tableName]: 'history',
  [ENV.slackChannel]: 'C0CERTWATCH',
  [ENV.slackTokenSecret]: 'certwatch/slack',
};

describe('readLambdaEnv and the Slack endpoint', () => {
  it('ignores SLACK_API_URL: the Lambda settings carry no endpoint override', () => {
    const settings = readLambdaEnv({ ...base, SLACK_API_URL: 'https://attacker.example/api/' });
    expect(settings.notify.slack).toEqual({ channel: 'C0CERTWATCH', token: { secretId: 'certwatch/slack' } });
    expect(JSON.stringify(settings)).not.toContain('attacker.example');
  });
});
