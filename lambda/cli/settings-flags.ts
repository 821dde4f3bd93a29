/**
 * The flags that become settings (`--config`, `--store`, `--notify`…), their help rows, and the
 * one way a command gets its dependencies: `composeFromFlags` validates flags, environment and
 * config file into the Settings object and returns the composition root built from it. A bad
 * setting is a UsageError (exit 2) naming the flag, variable or file field.
 */
import { type CliSettingsInput, cliSettings } from '../config/cli-settings';
import { type Composition, compose } from '../config/compose';
import { SettingsError } from '../config/settings';

export { DEFAULT_READ_TIMEOUT_MS } from '../config/cli-settings';

import { type CliIo, UsageError } from './command';
import type { OptionHelp } from './usage';

/** `--config FILE`: the judging settings (thresholds) a deployed stack uses, for a local run. */
export const CONFIG_FLAG = { config: { type: 'string' } } as const;
/** Help row for `--config`. */
export const CONFIG_HELP: OptionHelp = [
  '--config FILE',
  'JSON settings, same fields as the deployment config, e.g. {"thresholds": {"root": {"warningDays": 400}}} (default: DESIGN.md thresholds)',
];

/** Where history lives. */
export const STORE_FLAGS = { store: { type: 'string' }, 'state-dir': { type: 'string' } } as const;
/** Help rows for the store flags; `storeDefault` says what happens without `--store`. */
export function storeHelp(storeDefault: string): OptionHelp[] {
  return [
    ['--store local|memory|dynamodb', `${storeDefault}`],
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
    ['--notify slack,sns', what],
    ['--slack-channel ID', 'Slack channel (token from SLACK_BOT_TOKEN, API from SLACK_API_URL)'],
    ['--sns-topic-arn ARN', snsWhat],
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
