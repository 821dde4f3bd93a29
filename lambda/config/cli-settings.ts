/**
 * Builds the one Settings object for a CLI command from what the command parsed (its flags, in
 * lambda/cli), the environment (SLACK_BOT_TOKEN, SLACK_API_URL, CERTWATCH_SLACK_CHANNEL,
 * CERTWATCH_ALERTS_TOPIC_ARN, CERTWATCH_TABLE_NAME, VAULT_*) and the `--config` file, validated with zod.
 * Errors are SettingsError naming the flag, variable or file field at fault; the Slack token never
 * appears in one.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { DEFAULT_SCAN_BUDGET_MS } from '../app/scan-cluster';
import { ENV } from './env-names';

/** Each API request's timeout unless `--request-timeout` says otherwise. */
export { DEFAULT_REQUEST_TIMEOUT_MS } from '../adapters/kubernetes/kube-api';

/** `inspect`'s per-file read deadline unless `--read-timeout` says otherwise. */
export { DEFAULT_READ_TIMEOUT_MS } from '../adapters/local-files';

import {
  type HistorySettings,
  type NotifySettings,
  type Settings,
  SettingsError,
  type SourceOptions,
  STORE_KINDS,
} from './settings';
import type { settingsFileSchema } from './settings-schema';
import { upstreamSettings } from './upstream-ca';

/** What a command parsed from its flags; every field optional. */
export interface CliSettingsInput {
  /** `--config FILE`: JSON with the deployment configuration's judging fields (`thresholds`). */
  readonly configPath?: string;
  /** `--store`; absent = nothing recorded. */
  readonly store?: string;
  readonly stateDir?: string;
  /** `--notify slack,sns`. */
  readonly notify?: string;
  readonly slackChannel?: string;
  readonly snsTopicArn?: string;
  readonly now?: Date;
  readonly timeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Where the sources look (`scan`'s and `rbac --from-cluster`'s source flags, `--all-tls-secrets`). */
  readonly sources?: SourceOptions;
  /** `scan`'s upstream CAs (`--vault-pki`, `--pca-arn`; VAULT_* from the environment). Absent: none. */
  readonly upstreams?: {
    readonly vaultMounts?: readonly string[];
    readonly privateCaArns?: readonly string[];
  };
  /** `inspect --read-timeout`. */
  readonly readTimeoutMs?: number;
}

/** The process the CLI runs in. */
export interface CliProcess {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Validates the command's input, the environment and the config file into Settings. */
export function cliSettings(input: CliSettingsInput, { env, cwd }: CliProcess): Settings {
  // Without --config the domain's defaults apply (the schema's, see one-policy.test.ts), and zod
  // stays unloaded: `inspect` starts faster.
  const file = input.configPath ? readConfigFile(resolve(cwd, input.configPath)) : undefined;
  return {
    ...(file ? { policy: { thresholds: file.thresholds } } : {}),
    history: historySettings(input, env),
    notify: notifySettings(input, env),
    schedule: { intervalMinutes: 60, timeZone: 'UTC' },
    scan: {
      timeoutMs: input.timeoutMs ?? DEFAULT_SCAN_BUDGET_MS,
      ...(input.requestTimeoutMs !== undefined ? { requestTimeoutMs: input.requestTimeoutMs } : {}),
      ...(input.sources ? { sources: input.sources } : {}),
    },
    ...(input.upstreams
      ? {
          upstreams: upstreamSettings({
            ...input.upstreams,
            env,
            readFile: (path) => readFileSync(resolve(cwd, path), 'utf8'),
          }),
        }
      : {}),
    ...(input.readTimeoutMs !== undefined ? { files: { readTimeoutMs: input.readTimeoutMs } } : {}),
    ...(input.now ? { now: input.now } : {}),
  };
}

function readConfigFile(path: string): z.output<typeof settingsFileSchema> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SettingsError(
      `invalid --config: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(`invalid --config ${path}: not JSON (${(error as Error).message})`);
  }
  const { settingsFileSchema } = require('./settings-schema') as typeof import('./settings-schema');
  const parsed = settingsFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const where = issue.path.map(String).join('.') || '(root)';
    const what =
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message;
    return `${where}: ${what}`;
  });
  throw new SettingsError(`invalid --config ${path}: ${lines.join('; ')}`);
}

function historySettings(
  input: CliSettingsInput,
  env: Readonly<Record<string, string | undefined>>,
): HistorySettings | undefined {
  if (input.store === undefined) return undefined;
  const kind = input.store as HistorySettings['kind'];
  if (!STORE_KINDS.includes(kind)) {
    throw new SettingsError(`invalid --store '${input.store}': expected one of ${STORE_KINDS.join(', ')}`);
  }
  if (kind === 'memory') return { kind };
  if (kind === 'local') return { kind, stateDir: input.stateDir ?? join(homedir(), '.certwatch') };
  const tableName = env[ENV.tableName];
  if (!tableName) throw new SettingsError(`--store dynamodb needs ${ENV.tableName} (the history table name)`);
  return { kind, tableName };
}

const notifySchema = () => {
  const { z } = require('zod') as typeof import('zod');
  return z
    .object({
      channels: z.array(z.enum(['slack', 'sns'])),
      slackToken: z.string().min(1).optional(),
      slackApiUrl: z.url().optional(),
      slackChannel: z.string().min(1).optional(),
      snsTopicArn: z
        .string()
        .regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/, 'expected an SNS topic ARN')
        .optional(),
    })
    .superRefine((c, ctx) => {
      const need = (when: boolean, path: string, message: string) => {
        if (when) ctx.addIssue({ code: 'custom', path: [path], message });
      };
      const slack = c.channels.includes('slack');
      need(slack && !c.slackToken, 'slackToken', 'SLACK_BOT_TOKEN is required for --notify slack');
      need(
        slack && !c.slackChannel,
        'slackChannel',
        '--slack-channel (or CERTWATCH_SLACK_CHANNEL) is required',
      );
      need(
        c.channels.includes('sns') && !c.snsTopicArn,
        'snsTopicArn',
        '--sns-topic-arn is required for --notify sns',
      );
    });
};

const LABELS: Readonly<Record<string, string>> = {
  slackApiUrl: 'SLACK_API_URL',
  snsTopicArn: '--sns-topic-arn',
};

/** `--notify` and its companions; no `--notify` means no channels. */
export function notifySettings(
  input: Pick<CliSettingsInput, 'notify' | 'slackChannel' | 'snsTopicArn'>,
  env: Readonly<Record<string, string | undefined>>,
): NotifySettings {
  const channels = (input.notify ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (channels.length === 0) return { channels: [] };
  const parsed = notifySchema().safeParse({
    channels: [...new Set(channels)],
    slackToken: env['SLACK_BOT_TOKEN'] || undefined,
    slackApiUrl: env['SLACK_API_URL'] || undefined,
    slackChannel: input.slackChannel ?? (env[ENV.slackChannel] || undefined),
    snsTopicArn: input.snsTopicArn ?? (env[ENV.alertsTopicArn] || undefined),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    // zod's enum message lists the allowed values itself: say them once, with what was given.
    if (field === 'channels') {
      throw new SettingsError(`invalid --notify '${input.notify}': expected one or more of slack, sns`);
    }
    const label = LABELS[field] ?? '';
    throw new SettingsError(`invalid notification settings: ${label ? `${label}: ` : ''}${issue?.message}`);
  }
  const c = parsed.data;
  const slack = c.channels.includes('slack')
    ? {
        channel: c.slackChannel!,
        token: { value: c.slackToken! },
        ...(c.slackApiUrl ? { apiUrl: c.slackApiUrl } : {}),
      }
    : undefined;
  const sns = c.channels.includes('sns') ? { alertTopicArn: c.snsTopicArn! } : undefined;
  return { channels: c.channels, ...(slack ? { slack } : {}), ...(sns ? { sns } : {}) };
}
