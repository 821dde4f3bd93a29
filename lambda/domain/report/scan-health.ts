/**
 * How a scan went, as the Prometheus health metrics say it: reached or not, how long it took,
 * when it last succeeded and how many blind spots each source left. Pure.
 */
import type { SourceFailure } from '../source-failure';
import type { ClusterStatus } from './json-report';

/** One cluster's scan health. */
export interface ClusterHealth {
  readonly cluster: string;
  /** The cluster was reached (status `ok` or `partial`); blind spots are counted apart. */
  readonly succeeded: boolean;
  readonly durationSeconds: number;
  /** The last successful scan (this one when it succeeded); absent when none is known. */
  readonly lastSuccess?: Date;
  /** Failed reads per source, `0` for every source read completely; only `cluster` when unreached. */
  readonly blindSpots: Readonly<Record<string, number>>;
}

/** Version of the running certwatch and of its runtime, for `certwatch_build_info`. */
export interface BuildInfo {
  readonly version: string;
  readonly nodeVersion: string;
}

/** What a scan reports about itself, whichever entry point ran it. */
export interface ScanOutcomeFacts {
  readonly cluster: string;
  readonly status: ClusterStatus;
  readonly failures: readonly SourceFailure[];
  readonly durationMs: number;
  /** The sources the scan ran (`istio`, `linkerd`, …). */
  readonly sources: readonly { readonly name: string }[];
}

/**
 * The health of one scan evaluated at `at`; `previousSuccess` is the last success known before it
 * (kept by a long-running `serve`, unknown to a one-shot CLI run).
 */
export function clusterHealth(scan: ScanOutcomeFacts, at: Date, previousSuccess?: Date): ClusterHealth {
  const succeeded = scan.status !== 'unreachable';
  // An unreached cluster read none of its sources: only `cluster` is a blind spot then.
  const read = succeeded ? scan.sources.map((s) => s.name) : [];
  const blindSpots: Record<string, number> = Object.fromEntries(read.map((name) => [name, 0]));
  for (const failure of scan.failures) blindSpots[failure.source] = (blindSpots[failure.source] ?? 0) + 1;
  const lastSuccess = succeeded ? at : previousSuccess;
  return {
    cluster: scan.cluster,
    succeeded,
    durationSeconds: scan.durationMs / 1000,
    ...(lastSuccess ? { lastSuccess } : {}),
    blindSpots,
  };
}
