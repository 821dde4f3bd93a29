/**
 * Runs one source for scanCluster: reports progress, turns a rejection into a source-wide
 * failure, and gives up at the scan's deadline even if the source ignores its AbortSignal.
 */
import type { CertificateMaterial } from '../domain/model';
import type { SourceSignal } from '../domain/signals';
import type { CertificateSource, SourceFailure, SourceFailureReason } from '../ports/certificate-source';

/** One progress event: a source started, finished, or failed as a whole. */
export interface ScanProgress {
  readonly cluster: string;
  readonly source: string;
  readonly phase: 'start' | 'done' | 'failed';
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
}

const REASONS: readonly SourceFailureReason[] = [
  'unauthorized',
  'permission_denied',
  'not_found',
  'server_error',
  'timeout',
  'bad_data',
  'unreachable',
];

function reasonOf(error: unknown, aborted: boolean): SourceFailureReason {
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  if (typeof reason === 'string' && (REASONS as readonly string[]).includes(reason))
    return reason as SourceFailureReason;
  return aborted ? 'timeout' : 'unreachable';
}

function deadline(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(Object.assign(new Error('the scan deadline passed'), { reason: 'timeout' }));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** Runs `source`, never rejecting. */
export async function runSource(
  source: CertificateSource,
  cluster: string,
  signal: AbortSignal,
  deps: { progress?: (event: ScanProgress) => void },
): Promise<SourceOutcome> {
  deps.progress?.({ cluster, source: source.name, phase: 'start' });
  try {
    const result = await Promise.race([source.collect(signal), deadline(signal)]);
    deps.progress?.({
      cluster,
      source: source.name,
      phase: 'done',
      materials: result.materials.length,
      failures: result.failures.length,
    });
    return { ...result, signals: result.signals ?? [], rejected: false };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    deps.progress?.({ cluster, source: source.name, phase: 'failed', detail });
    const failure: SourceFailure = { source: source.name, reason: reasonOf(error, signal.aborted), detail };
    return { materials: [], signals: [], failures: [failure], rejected: true };
  }
}
