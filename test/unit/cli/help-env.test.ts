/**
 * Every environment variable a flag depends on is named in the help of every command accepting
 * that flag (in the flag's own row), so `--store dynamodb` or `--vault-pki` never fail on a
 * variable the help did not mention.
 */
import type { Command } from '#cli/command';
import { COMMANDS } from '#cli/commands';
import { ENV } from '#config/env-names';

/** flag → the variables it reads or needs (from cli-settings.ts, upstream-ca.ts and the SDKs). */
const NEEDS: Readonly<Record<string, readonly string[]>> = {
  store: [ENV.tableName, 'AWS_REGION', 'AWS_ENDPOINT_URL_DYNAMODB'],
  notify: ['SLACK_BOT_TOKEN', 'SLACK_API_URL', 'AWS_ENDPOINT_URL_SNS'],
  'slack-channel': [ENV.slackChannel],
  'sns-topic-arn': [ENV.alertsTopicArn],
  'vault-pki': ['VAULT_ADDR', 'VAULT_TOKEN', 'VAULT_NAMESPACE', 'VAULT_CACERT'],
  kubeconfig: ['KUBECONFIG'],
  region: ['AWS_REGION'],
};

let commands: Command[];
beforeAll(async () => {
  commands = await Promise.all(Object.values(COMMANDS).map((entry) => entry.load()));
});

/** The help row of `--flag` with its wrapped lines, on one line ('' when absent). */
function row(usage: string, flag: string): string {
  const lines = usage.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^ {2}(-\\w, )?--${flag}\\b`).test(line));
  if (start === -1) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !/^ {3,}\S/.test(line));
  return [lines[start], ...rest.slice(0, end === -1 ? undefined : end)].join(' ').replace(/\s+/g, ' ');
}

it.each(Object.keys(NEEDS))('--%s names its variables wherever it is accepted', (flag) => {
  const accepting = commands.filter((c) => flag in c.flags);
  expect(accepting.length).toBeGreaterThan(0);
  for (const command of accepting) {
    const text = row(command.usage, flag);
    expect({ command: command.name, flag, row: text }).toEqual(
      expect.objectContaining({ row: expect.stringContaining(`--${flag}`) }),
    );
    for (const variable of NEEDS[flag]!) {
      expect({ command: command.name, flag, names: text.includes(variable) }).toEqual({
        command: command.name,
        flag,
        names: true,
      });
    }
  }
});
