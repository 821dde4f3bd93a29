/**
 * The registry of CLI commands. Adding a command = one line here (its file exports a `Command`).
 * Commands load lazily, so `inspect` never pays for the Kubernetes client `scan` imports.
 * `require`, not `import()`: under tsx's CommonJS hook a dynamic import goes to Node's ESM loader,
 * which cannot resolve extensionless .ts paths. May import: lambda/cli/commands/* only.
 */
import type { Command } from '../command';

/** Command name → loader, in the order `certwatch --help` lists them: the order people use them in. */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  scan: async () => (require('./scan') as typeof import('./scan')).scanCommand,
  inspect: async () => (require('./inspect') as typeof import('./inspect')).inspectCommand,
  rbac: async () => (require('./rbac') as typeof import('./rbac')).rbacCommand,
  history: async () => (require('./history') as typeof import('./history')).historyCommand,
  digest: async () => (require('./digest') as typeof import('./digest')).digestCommand,
  'eks-token': async () => (require('./eks-token') as typeof import('./eks-token')).eksTokenCommand,
};
