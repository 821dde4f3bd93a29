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
  /** Identifies the run; unique per run, so two runs never share a claim. */
  readonly owner: string;
  readonly now: Date;
  /** When the claim lapses if the run never saves nor releases it. */
  readonly until: Date;
}

/** What claiming returned: lost to another run, or won together with the alert as stored now. */
export type AlertClaimResult =
  | { readonly claimed: false }
  | { readonly claimed: true; readonly current: AlertRecord | undefined };
