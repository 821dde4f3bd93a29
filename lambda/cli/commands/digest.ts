/** `certwatch digest`: prints the digest built from local history, and delivers it with --notify. */
import { sendDigest } from '../../app/send-digest';
import { defaultStateDir, openHistoryStore, type StoreKind } from '../../config/history-store-config';
import { buildNotifiers, NotifyConfigError, parseNotifyConfig } from '../../config/notify-config';
import { parseChoice, parseFlags, parseNow } from '../args';
import { type CliIo, type Command, UsageError } from '../command';
import { optionsBlock } from '../usage';

const usage = `Usage: certwatch digest [options]

Builds the digest from history: what expires or is due for rotation in the next N days, rotations
since the last delivered digest, open alerts, blind spots and per-cluster health. Prints it; with
--notify also delivers it (and only then marks it as the last digest).

${optionsBlock([
  ['--days N', 'days ahead to look (default: 30)'],
  ['--now ISO8601', 'build as of this instant (default: now)'],
  ['--notify slack,sns', 'deliver to these channels (default: none, print only)'],
  ['--slack-channel ID', 'Slack channel (token from SLACK_BOT_TOKEN, API from SLACK_API_URL)'],
  ['--sns-topic-arn ARN', 'SNS topic for the digest'],
  ['--store local|memory|dynamodb', 'where history lives (default: local)'],
  ['--state-dir DIR', 'local store folder (default: ~/.certwatch)'],
])}

Exit codes: 0 printed (and delivered everywhere asked), 1 a channel failed, 2 usage or
configuration error.
`;

const options = {
  days: { type: 'string' },
  now: { type: 'string' },
  notify: { type: 'string' },
  'slack-channel': { type: 'string' },
  'sns-topic-arn': { type: 'string' },
  store: { type: 'string' },
  'state-dir': { type: 'string' },
} as const;

/** The `digest` command. */
export const digestCommand: Command = {
  name: 'digest',
  usage,
  flags: options,
  run: runDigest,
};

function parseDays(value: string | undefined): number {
  if (value === undefined) return 30;
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > 3650) {
    throw new UsageError(`invalid --days '${value}': expected a whole number of days from 1 to 3650`, usage);
  }
  return days;
}

async function runDigest(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, options, usage);
  const days = parseDays(values.days);
  const now = parseNow(values.now, () => new Date());
  const kind = parseChoice<StoreKind>('store', values.store, ['local', 'memory', 'dynamodb'], 'local');
  let notifiers: ReturnType<typeof buildNotifiers>;
  try {
    const flags = {
      notify: values.notify,
      slackChannel: values['slack-channel'],
      snsTopicArn: values['sns-topic-arn'],
    };
    notifiers = buildNotifiers(parseNotifyConfig(flags, io.env));
  } catch (error) {
    if (error instanceof NotifyConfigError) throw new UsageError(error.message, usage, { cause: error });
    throw error;
  }
  const opened = await openHistoryStore(kind, defaultStateDir(values['state-dir']), io.env);
  try {
    const result = await sendDigest({ store: opened.store, notifiers, clock: { now: () => now } }, { days });
    io.stdout.write(`Subject: ${result.digest.subject}\n\n${result.digest.text}`);
    for (const channel of result.delivered) io.stderr.write(`certwatch: digest delivered to ${channel}\n`);
    for (const f of result.failed)
      io.stderr.write(`certwatch: digest NOT delivered to ${f.channel}: ${f.error}\n`);
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    await opened.close();
  }
}
