/**
 * The flags that become settings (`--config`, `--store`, `--notify`…), their help rows, and the
 * one way a command gets its dependencies: `composeFromFlags` validates flags, environment and
 * config file into the Settings object and returns the composition root built from it. A bad
 * setting is a UsageError (exit 2) naming the flag, variable or file field.
 */
import { type CliSettingsInput, cliSettings } from '../config/cli-settings';
import { type Composition, compose } from '../config/compose';
import { ENV } from '../config/env-names';
import { SettingsError } from '../config/settings';

export { DEFAULT_READ_TIMEOUT_MS } from '../config/cli-settings';

import { type CliIo, UsageError } from './command';
import type { OptionHelp } from './usage';

/** `--config FILE`: the judging settings (thresholds) a deployed stack uses, for a local run. */
export const CONFIG_FLAG = { config: { type: 'string' } } as const;
/** Help row for `--config`. */
export const CONFIG_HELP: OptionHelp = [
  '--config FILE',
  'JSON settings, same fields as the deployment config, e.g. {"thresholds": {"root": {"warningDays": 400}}} (default: the thresholds in docs/rules.md)',
];

/** Where history lives. */
export const STORE_FLAGS = { store: { type: 'string' }, 'state-dir': { type: 'string' } } as const;
/** Help rows for the store flags; `storeDefault` says what happens without `--store`. */
export function storeHelp(storeDefault: string): OptionHelp[] {
  return [
    [
      '--store local|memory|dynamodb',
      `${storeDefault}; dynamodb needs ${ENV.tableName} (the table) and AWS credentials and region (AWS_PROFILE or AWS_ACCESS_KEY_ID..., AWS_REGION; AWS_ENDPOINT_URL_DYNAMODB for a local endpoint)`,
    ],
    ['--state-dir DIR', 'local store folder (default: ~/.certwatch)'],
  ];
}

/** Where alerts and digests go. */
export const NOTIFY_FLAGS = {
  notify: { type: 'string' },
  'slack-channel': { type: 'string' },
  'sns-topic-arn': { type: 'string' },
} as const;
/** Help rows for the notification flags; `what` is the first row's description. */
export function notifyHelp(what: string, snsWhat: string): OptionHelp[] {
  return [
    [
      '--notify slack,sns',
      `${what}; slack needs SLACK_BOT_TOKEN (SLACK_API_URL for another API endpoint), sns needs AWS credentials and region (AWS_ENDPOINT_URL_SNS for a local endpoint)`,
    ],
    ['--slack-channel ID', `Slack channel (default: $${ENV.slackChannel})`],
    ['--sns-topic-arn ARN', `${snsWhat} (default: $${ENV.alertsTopicArn})`],
  ];
}

/** The settings flags as parseArgs returns them. */
export type SettingsFlagValues = Partial<
  Record<keyof typeof CONFIG_FLAG | keyof typeof STORE_FLAGS | keyof typeof NOTIFY_FLAGS, string>
>;

/**
 * Validates the settings flags (plus what the command parsed itself, in `extra`) and builds the
 * composition root; a bad setting becomes a UsageError followed by `usage`.
 */
export function composeFromFlags(
  values: SettingsFlagValues,
  io: CliIo,
  usage: string,
  extra: Omit<CliSettingsInput, 'configPath' | 'stateDir' | 'notify' | 'slackChannel' | 'snsTopicArn'> = {},
): Composition {
  return asUsageError(usage, () =>
    compose(
      cliSettings(
        {
          ...extra,
          configPath: values.config,
          stateDir: values['state-dir'],
          notify: values.notify,
          slackChannel: values['slack-channel'],
          snsTopicArn: values['sns-topic-arn'],
        },
        io,
      ),
    ),
  );
}

/** Runs `build`, turning a SettingsError into a UsageError (exit 2, with `usage` when given). */
export function asUsageError<T>(usage: string | undefined, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message, usage, { cause: error });
    throw error;
  }
}
