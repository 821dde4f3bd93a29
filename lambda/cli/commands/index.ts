/**
 * The registry of CLI commands. Adding a command = one entry here (its file exports a `Command`).
 * The one-line summaries live here, not in the command files, so `certwatch --help` loads no
 * command at all; each command is loaded only when it runs, so `inspect` never pays for the
 * Kubernetes client `scan` imports. May import: lambda/cli/commands/* only (lazily).
 */
import type { Command } from '../command';

/** One command as the registry knows it: its line in `certwatch --help`, and how to load it. */
export interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Command name → entry, in the order `certwatch --help` lists them: the order people use them in. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  scan: {
    summary: 'scan kubeconfig contexts for mesh certificates and their risks',
    load: async () => (require('./scan') as typeof import('./scan')).scanCommand,
  },
  inspect: {
    summary: 'analyse certificate files offline (PEM, DER, SPIFFE bundles)',
    load: async () => (require('./inspect') as typeof import('./inspect')).inspectCommand,
  },
  rbac: {
    summary: 'print the least-privilege RBAC YAML that scan needs (pipe to kubectl apply -f -)',
    load: async () => (require('./rbac') as typeof import('./rbac')).rbacCommand,
  },
  serve: {
    summary: 'run in the cluster: scan on an interval, serve /metrics, /healthz and /readyz',
    load: async () => (require('./serve') as typeof import('./serve')).serveCommand,
  },
  history: {
    summary: 'print the recorded timeline of a cluster or a certificate',
    load: async () => (require('./history') as typeof import('./history')).historyCommand,
  },
  digest: {
    summary: 'print (and with --notify deliver) the digest of rotations coming up',
    load: async () => (require('./digest') as typeof import('./digest')).digestCommand,
  },
  'eks-token': {
    summary: 'print an EKS bearer token as ExecCredential JSON (like aws eks get-token)',
    load: async () => (require('./eks-token') as typeof import('./eks-token')).eksTokenCommand,
  },
};
