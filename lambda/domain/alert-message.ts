/** An alert as channels deliver it: a finding in a cluster with the context a person needs. Pure types. */
import type { Finding, Level, Mesh, SourceLocation } from './model';

/** What happened to an alert since the last delivered state. */
export type AlertTransition = 'opened' | 'escalated' | 'renotified' | 'resolved';

/** One alert to deliver: a finding in a cluster, with the context a person needs. */
export interface AlertMessage {
  /** Stable finding key (cluster + rule + fingerprint/source). */
  readonly key: string;
  readonly transition: AlertTransition;
  /** How people know the cluster: its name, with account/region or server when two share it. */
  readonly cluster: string;
  /** The cluster's stable id (ClusterIdentity.id). @default - `cluster` */
  readonly clusterId?: string;
  readonly finding: Finding;
  readonly mesh?: Mesh;
  readonly level?: Level;
  readonly subject?: string;
  readonly daysLeft?: number;
  readonly sources: readonly SourceLocation[];
  /** Channel reference of the opening message (e.g. Slack `ts`), for threading follow-ups. */
  readonly threadRef?: string;
  /** This delivery: the same id for every retry of one transition, and which try this is. */
  readonly delivery?: { readonly id: string; readonly attempt: number };
}
