/**
 * Runs one source for scanCluster: reports progress, turns a rejection into a source-wide
 * failure, and says how complete the read was. When the budget runs out the source is aborted and
 * given a short grace to return what it read (kept, marked incomplete); one that ignores its
 * AbortSignal is given up on after the grace.
 */
import type { CertificateMaterial } from '../domain/model';
import type { SourceSignal } from '../domain/signals';
import type { SourceStatus } from '../domain/source-failure';
import { SOURCE_FAILURE_REASONS } from '../domain/source-failure';
import type { CertificateSource, SourceFailure, SourceFailureReason } from '../ports/certificate-source';

/** One progress event: a source started, finished, or failed as a whole. */
export interface ScanProgress {
  readonly cluster: string;
  readonly source: string;
  readonly phase: 'start' | 'done' | 'failed';
  /** How completely the source was read (on `done` and `failed`). */
  readonly status?: SourceStatus;
  readonly materials?: number;
  readonly failures?: number;
  readonly detail?: string;
}

/** What one source produced; `rejected` when it could not run at all. */
export interface SourceOutcome {
  readonly materials: CertificateMaterial[];
  readonly signals: SourceSignal[];
  readonly failures: SourceFailure[];
  readonly rejected: boolean;
  readonly status: SourceStatus;
}

/** After the budget runs out, how long a source may take to return what it read. */
export const GRACE_MS = 2_000;

function reasonOf(error: unknown, aborted: boolean): SourceFailureReason {
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string' && (SOURCE_FAILURE_REASONS as readonly string[]).includes(reason))
    return reason as SourceFailureReason;
  return aborted ? 'timeout' : 'unreachable';
}

/** Rejects `graceMs` after `signal` aborts. */
function deadline(signal: AbortSignal, graceMs: number): { promise: Promise<never>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const promise = new Promise<never>((_, reject) => {
    const fail = () => reject(Object.assign(new Error('the scan deadline passed'), { reason: 'timeout' }));
    onAbort = () => {
      timer = setTimeout(fail, graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const cancel = () => {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  };
  return { promise, cancel };
}

/** Complete when nothing failed; failed when something failed and nothing was read. */
function statusOf(read: number, failures: readonly SourceFailure[], signal: AbortSignal): SourceStatus {
  if (!signal.aborted && failures.length === 0) return 'complete';
  return read === 0 ? 'failed' : 'incomplete';
}

/** Runs `source`, never rejecting. */
export async function runSource(
  source: CertificateSource,
  cluster: string,
  signal: AbortSignal,
  deps: { progress?: (event: ScanProgress) => void; graceMs?: number },
): Promise<SourceOutcome> {
  deps.progress?.({ cluster, source: source.name, phase: 'start' });
  const limit = deadline(signal, deps.graceMs ?? GRACE_MS);
  try {
    const result = await Promise.race([source.collect(signal), limit.promise]);
    const failures = [...result.failures];
    // Out of budget: what was read is kept; say so even if no single read recorded the cut.
    if (signal.aborted && failures.length === 0) {
      failures.push({
        source: source.name,
        reason: 'timeout',
        detail: 'the scan budget ran out before this source finished',
      });
    }
    const status = statusOf(result.materials.length + (result.signals?.length ?? 0), failures, signal);
    deps.progress?.({
      cluster,
      source: source.name,
      phase: 'done',
      status,
      materials: result.materials.length,
      failures: failures.length,
    });
    return { ...result, failures, signals: result.signals ?? [], rejected: false, status };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    deps.progress?.({ cluster, source: source.name, phase: 'failed', status: 'failed', detail });
    const failure: SourceFailure = { source: source.name, reason: reasonOf(error, signal.aborted), detail };
    return { materials: [], signals: [], failures: [failure], rejected: true, status: 'failed' };
  } finally {
    limit.cancel();
  }
}
