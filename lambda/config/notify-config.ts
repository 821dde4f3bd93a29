/**
 * Notification settings for the CLI, read in ONE place: `--notify slack,sns`, `--slack-channel`,
 * `--sns-topic-arn`, and the environment (SLACK_BOT_TOKEN, SLACK_API_URL, CERTWATCH_SLACK_CHANNEL,
 * CERTWATCH_ALERTS_TOPIC_ARN). Validated with zod; builds the Notifier list. The token never
 * appears in an error message.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import { z } from 'zod';
import { SlackNotifier } from '../adapters/slack/slack-notifier';
import { SnsNotifier } from '../adapters/sns/sns-notifier';
import type { Notifier } from '../ports/notifier';
import { ENV } from './env-names';

/** The flags a command passes through untouched. */
export interface NotifyFlags {
  readonly notify?: string;
  readonly slackChannel?: string;
  readonly snsTopicArn?: string;
}

/** Bad notification settings; the message names the flag or variable at fault. */
export class NotifyConfigError extends Error {
  override readonly name = 'NotifyConfigError';
}

const schema = z
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

/** Validated notification settings. */
export type NotifyConfig = z.infer<typeof schema>;

const LABELS: Readonly<Record<string, string>> = {
  channels: '--notify',
  slackApiUrl: 'SLACK_API_URL',
  snsTopicArn: '--sns-topic-arn',
};

/** Parses flags and environment; no `--notify` means no channels. */
export function parseNotifyConfig(
  flags: NotifyFlags,
  env: Readonly<Record<string, string | undefined>>,
): NotifyConfig {
  const channels = (flags.notify ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const raw = {
    channels: [...new Set(channels)],
    slackToken: env['SLACK_BOT_TOKEN'] || undefined,
    slackApiUrl: env['SLACK_API_URL'] || undefined,
    slackChannel: flags.slackChannel ?? (env[ENV.slackChannel] || undefined),
    snsTopicArn: flags.snsTopicArn ?? (env[ENV.alertsTopicArn] || undefined),
  };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const label = LABELS[field] ?? '';
  const received = field === 'channels' ? ` (got '${flags.notify}'; expected slack, sns)` : '';
  throw new NotifyConfigError(
    `invalid notification settings: ${label ? `${label}: ` : ''}${issue?.message}${received}`,
  );
}

/** One Notifier per configured channel; `sns` is injectable for tests. */
export function buildNotifiers(config: NotifyConfig, sns?: SNSClient): Notifier[] {
  return config.channels.map((channel): Notifier => {
    if (channel === 'slack') {
      return new SlackNotifier({
        token: config.slackToken!,
        channel: config.slackChannel!,
        ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      });
    }
    return new SnsNotifier({ client: sns ?? new SNSClient({}), alertTopicArn: config.snsTopicArn! });
  });
}
