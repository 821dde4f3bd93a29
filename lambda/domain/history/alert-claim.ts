/**
 * The claim a run takes on one alert before it delivers anything: two overlapping scans of the
 * same cluster must not both send the same transition. A claim is a lease, so a run that crashed
 * holding one blocks the alert only until `until`. Pure types. May import: ./records.
 */
import type { AlertRecord } from './records';

/** One run's claim on one alert. */
export interface AlertClaim {
  readonly cluster: string;
  /** The alert's finding key. */
  readonly key: string;
  /** Identifies the run (its claim token); unique per run, so two runs never share a claim. */
  readonly owner: string;
  /** Wall-clock time of the claim (never a scan's evaluation time). */
  readonly now: Date;
  /** When the claim lapses if the run never saves nor releases it. */
  readonly until: Date;
}

/** What claiming returned: lost to another run, or won together with the alert as stored now. */
export type AlertClaimResult =
  | { readonly claimed: false }
  | { readonly claimed: true; readonly current: AlertRecord | undefined };

/** How long a claim holds when its run neither saves nor releases it (e.g. it crashed). */
export const DEFAULT_CLAIM_LEASE_MS = 5 * 60_000;

/**
 * The claim's end: the lease, or the run's remaining time (a Lambda's deadline) plus a minute if
 * longer, so a claim never lapses while its run may still deliver.
 */
export function claimUntil(wallNow: Date, leaseMs: number, remainingMs?: number): Date {
  const hold = remainingMs === undefined ? leaseMs : Math.max(leaseMs, remainingMs + 60_000);
  return new Date(wallNow.getTime() + hold);
}
