/**
 * The one validated settings object every entry point builds (the Lambdas from their environment
 * in lambda-env.ts, the CLI from its flags and `--config` file in cli-settings.ts) and hands to
 * `compose()` (compose.ts), plus the mapping of the shared policy settings onto the domain's
 * risk policy. Types and pure functions only.
 *
 * Adding a setting: add its field here, fill it in lambda-env.ts and/or cli-settings.ts, and read
 * it in compose.ts. A judging setting goes into settings-schema.ts instead (see there).
 */

import type { SourceOptions } from '../adapters/kubernetes/sources/cluster-context';
import type { MeshGroup } from '../domain/fleet-trust';
import type { PolicyOverrides } from '../domain/policy';
import type { ClusterTarget } from '../ports/scan-queue';
import type { PolicySettings } from './settings-schema';
import type { UpstreamSettings } from './upstream-ca';

export type { SourceOptions } from '../adapters/kubernetes/sources/cluster-context';
export type { PolicySettings } from './settings-schema';
export type { UpstreamSettings } from './upstream-ca';

/** Bad settings (flag, variable or config file); the message names the one at fault. */
export class SettingsError extends Error {
  override readonly name: string = 'SettingsError';
}

/** Where history lives: the deployed table, an embedded store in a folder, or in memory. */
export type HistorySettings =
  | { readonly kind: 'dynamodb'; readonly tableName: string; readonly retentionDays?: number }
  | { readonly kind: 'local'; readonly stateDir: string }
  | { readonly kind: 'memory' };

/** The kinds of history store, as `--store` names them. */
export const STORE_KINDS = [
  'local',
  'memory',
  'dynamodb',
] as const satisfies readonly HistorySettings['kind'][];

/** Notification channels, in the order their notifiers are built. */
export interface NotifySettings {
  readonly channels: readonly ('slack' | 'sns')[];
  readonly slack?: {
    readonly channel: string;
    /** The bot token itself (CLI: SLACK_BOT_TOKEN) or the Secrets Manager secret holding it (Lambda). */
    readonly token: { readonly value: string } | { readonly secretId: string };
    /** Another API endpoint (the CLI's SLACK_API_URL); ignored with a `secretId` token. @default - Slack's own API */
    readonly apiUrl?: string;
  };
  readonly sns?: { readonly alertTopicArn: string; readonly digestTopicArn?: string };
}

/** How clusters are scanned. */
export interface ScanSettings {
  /** Budget of one cluster's scan. */
  readonly timeoutMs: number;
  /** @default - the Kubernetes client's own (10 s) */
  readonly requestTimeoutMs?: number;
  /** Where the sources look (cert-manager's namespace, Consul, SPIRE, sampling, `allTlsSecrets`). @default - each source's own */
  readonly sources?: SourceOptions;
}

/** What only the deployed fleet has: the queue, the cluster list and discovery, metrics. */
export interface FleetSettings {
  readonly scanQueueUrl?: string;
  readonly clusters: readonly ClusterTarget[];
  readonly discovery?: {
    readonly tagKey: string;
    readonly tagValue?: string;
    readonly targets: readonly {
      readonly account: string;
      readonly regions: string[];
      readonly roleArn: string;
    }[];
  };
  /** Per-cluster metrics too (each one a paid CloudWatch metric). */
  readonly detailedMetrics: boolean;
  /** Clusters that must share trust though nothing in them says so. @default [] */
  readonly meshGroups?: readonly MeshGroup[];
  /** Days without a dispatch or a scan before a cluster retires. @default DEFAULT_RETIRE_AFTER_DAYS */
  readonly retireAfterDays?: number;
}

/** Every setting an entry point can have, validated. */
export interface Settings {
  /** Judging settings (thresholds). @default - the defaults docs/rules.md documents (the schema's and the domain's) */
  readonly policy?: PolicySettings;
  /** Absent: nothing is recorded (a stateless `certwatch scan`). */
  readonly history?: HistorySettings;
  readonly notify: NotifySettings;
  readonly schedule: {
    /** Minutes between scans (freshness checks, "no scan for two intervals"). */
    readonly intervalMinutes: number;
    /** IANA zone of the schedule (the digest text itself is in UTC). */
    readonly timeZone: string;
  };
  readonly scan: ScanSettings;
  /** Upstream CAs every scan reads (Vault PKI mounts, AWS Private CAs). @default - none */
  readonly upstreams?: UpstreamSettings;
  /** Local certificate files (`inspect`). */
  readonly files?: {
    /** Give up on a file still sending after this long. @default - LocalFiles' own (10 s) */
    readonly readTimeoutMs?: number;
  };
  /** A fixed "now" (`--now`); absent: the system clock. */
  readonly now?: Date;
  readonly fleet?: FleetSettings;
}

/** The domain's policy overrides for the shared policy settings (percentages become fractions). */
export function policyOverrides(policy: PolicySettings | undefined): PolicyOverrides {
  if (!policy) return {};
  const { root, intermediate, leaf } = policy.thresholds;
  const ca = (t: typeof root) => ({
    warningDays: t.warningDays,
    criticalDays: t.criticalDays,
    warningFraction: t.warningLifetimePercent / 100,
  });
  return {
    root: ca(root),
    intermediate: ca(intermediate),
    leaf: { criticalFraction: leaf.criticalLifetimePercent / 100, criticalHours: leaf.criticalHours },
  };
}
