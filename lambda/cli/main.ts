/**
 * The local CLI: dispatches `certwatch <command> ...` to lambda/cli/commands, turns usage errors
 * and unexpected failures into one line on stderr with exit code 2 (never a stack trace).
 * May import: lambda/cli/*, lambda/app, lambda/config (commands may also use the domain and adapters).
 */
import { VERSION } from '../config/build-info';
import { type CliIo, type Command, UsageError } from './command';
import { COMMANDS, type CommandEntry } from './commands';
import { didYouMean } from './did-you-mean';

/** Command name → summary and lazy loader (the registry; tests pass their own). */
export type CommandRegistry = Readonly<Record<string, CommandEntry>>;

/** Top-level usage, listing every registered command (none of them is loaded for it). */
export async function topLevelUsage(registry: CommandRegistry = COMMANDS): Promise<string> {
  const names = Object.keys(registry);
  const width = Math.max(...names.map((name) => name.length));
  const lines = names.map((name) => `  ${name.padEnd(width)}  ${registry[name]!.summary}`);
  return [
    'Usage: certwatch <command> [options]',
    '',
    '       certwatch --version',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'certwatch <command> --help' for the options and exit codes of a command.",
    'Every command exits 2 on a usage or configuration error.',
    '',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo,
  registry: CommandRegistry = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const out = name === undefined ? io.stderr : io.stdout;
      out.write(await topLevelUsage(registry));
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-V') {
      io.stdout.write(`certwatch ${VERSION}\n`);
      return 0;
    }
    const entry = Object.hasOwn(registry, name) ? registry[name] : undefined;
    if (!entry) {
      const hint = didYouMean(name, Object.keys(registry));
      throw new UsageError(
        `unknown command '${name}'${hint}`,
        hint ? undefined : await topLevelUsage(registry),
      );
    }
    const command = await entry.load();
    if (wantsHelp(rest)) {
      io.stdout.write(command.usage);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** `--help`/`-h` anywhere before a `--` separator (after it, they are file names). */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return argv.slice(0, end === -1 ? undefined : end).some((arg) => arg === '--help' || arg === '-h');
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`certwatch: ${error.message}\n`);
    if (error.usage) io.stderr.write(`\n${error.usage}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`certwatch: ${message}\n`);
  if (io.env['CERTWATCH_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return 2;
}

/** The real process's streams, environment and working directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export type { Command };
