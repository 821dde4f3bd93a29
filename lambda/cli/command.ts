/** What every CLI command implements, and the error that means "bad usage" (exit 2, no stack). */
import type { ParseArgsConfig } from 'node:util';

/** A writable text stream (process.stdout or a test buffer). */
export interface TextOut {
  write(text: string): unknown;
  /** True when writing to a terminal: enables colour. */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/** Everything a command may touch of its process, injectable so tests run commands in-process. */
export interface CliIo {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Asks a long-running command to stop (tests); `serve` listens for SIGTERM/SIGINT without it. */
  readonly stop?: AbortSignal;
}

/** One subcommand: `certwatch <name> ...`. `run` resolves to the process exit code. */
export interface Command {
  readonly name: string;
  /** Full usage text printed by `certwatch <name> --help` and after a usage error. */
  readonly usage: string;
  /** The parseArgs options `run` parses with: a test checks `usage` documents each of them. */
  readonly flags: NonNullable<ParseArgsConfig['options']>;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** A usage or configuration error: printed as one line (plus usage), exit code 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** Usage text to print after the message, when it helps. */
    readonly usage?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
