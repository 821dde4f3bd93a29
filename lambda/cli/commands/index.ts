/**
 * The registry of CLI commands. Adding a command = one line here (its file exports a `Command`).
 * Commands load lazily, so `inspect` never pays for the Kubernetes client `scan` imports.
 * May import: lambda/cli/commands/* only.
 */
import type { Command } from '../command';

/** Command name → loader, in the order `certwatch --help` lists them. */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  inspect: async () => (await import('./inspect')).inspectCommand,
  'eks-token': async () => (await import('./eks-token')).eksTokenCommand,
};
