/** `certwatch digest`: prints the digest built from local history, and delivers it with --notify. */
import { DEFAULT_WINDOW_DAYS, sendDigest } from '../../app/send-digest';
import { parseFlags, parseNow } from '../args';
import { type CliIo, type Command, UsageError } from '../command';
import { composeFromFlags, NOTIFY_FLAGS, notifyHelp, STORE_FLAGS, storeHelp } from '../settings-flags';
import { optionsBlock } from '../usage';

const usage = `Usage: certwatch digest [options]

Builds the digest from history: what expires or is due for rotation in the next N days, rotations
since the last delivered digest, open alerts, blind spots and per-cluster health. Prints it; with
--notify also delivers it (and only then marks it as the last digest).

${optionsBlock([
  ['--days N', `days ahead to look (default: ${DEFAULT_WINDOW_DAYS})`],
  ['--now ISO8601', 'build as of this instant (default: now)'],
  ...notifyHelp('deliver to these channels (default: none, print only)', 'SNS topic for the digest'),
  ...storeHelp('where history lives (default: local)'),
])}

Exit codes: 0 printed (and delivered everywhere asked), 1 a channel failed, 2 usage or
configuration error.
`;

const options = {
  days: { type: 'string' },
  now: { type: 'string' },
  ...NOTIFY_FLAGS,
  ...STORE_FLAGS,
} as const;

/** The `digest` command. */
export const digestCommand: Command = {
  name: 'digest',
  usage,
  flags: options,
  run: runDigest,
};

function parseDays(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WINDOW_DAYS;
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
  const root = composeFromFlags(values, io, usage, { now, store: values.store ?? 'local' });
  const opened = await root.openHistory();
  try {
    const result = await sendDigest(await root.sendDigestDeps(opened.store), { days });
    io.stdout.write(`Subject: ${result.digest.subject}\n\n${result.digest.text}`);
    for (const channel of result.delivered) io.stderr.write(`certwatch: digest delivered to ${channel}\n`);
    for (const f of result.failed)
      io.stderr.write(`certwatch: digest NOT delivered to ${f.channel}: ${f.error}\n`);
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    await opened.close();
  }
}
