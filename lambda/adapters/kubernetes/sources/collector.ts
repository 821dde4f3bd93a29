/**
 * Accumulates what one source collects and turns every error into a SourceFailure, so one
 * broken object never stops the rest of a source.
 */
import { boundedText, MAX_FAILURE_DETAIL_CHARS } from '../../../domain/bounded-text';
import type { CertificateMaterial, SourceLocation } from '../../../domain/model';
import type { SourceSignal } from '../../../domain/signals';
import type { CollectResult, SourceFailure, SourceFailureReason } from '../../../ports/certificate-source';
import { KubeApiError } from '../kube-api';

/** Classifies any error as a stable source-failure reason. */
export function failureReason(error: unknown): SourceFailureReason {
  if (error instanceof KubeApiError) return error.reason;
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return 'timeout';
  return 'bad_data';
}

/** True for a 404 (an object that does not exist). */
export function isNotFound(error: unknown): boolean {
  return error instanceof KubeApiError && (error.status === 404 || error.reason === 'not_found');
}

/** One line of detail for a failure, never a stack: cut, without control characters. */
export function errorDetail(error: unknown): string {
  return boundedText(error instanceof Error ? error.message : String(error), MAX_FAILURE_DETAIL_CHARS);
}

/** A source's materials, signals and failures, filled as it goes. */
export class Collector {
  readonly materials: CertificateMaterial[] = [];
  readonly signals: SourceSignal[] = [];
  readonly failures: SourceFailure[] = [];

  constructor(readonly source: string) {}

  /** Records a failure for `location` (or the whole source). */
  fail(error: unknown, location?: SourceLocation, detail?: string): void {
    this.failures.push({
      source: this.source,
      ...(location ? { location } : {}),
      reason: failureReason(error),
      detail: detail === undefined ? errorDetail(error) : boundedText(detail, MAX_FAILURE_DETAIL_CHARS),
    });
  }

  /** Records a failure with an explicit reason (and the step that would allow the read, if known). */
  failWith(
    reason: SourceFailureReason,
    detail: string,
    location?: SourceLocation,
    remediation?: string,
  ): void {
    this.failures.push({
      source: this.source,
      ...(location ? { location } : {}),
      reason,
      detail: boundedText(detail, MAX_FAILURE_DETAIL_CHARS),
      ...(remediation ? { remediation } : {}),
    });
  }

  /** Adds `found`; when it is empty, records a `bad_data` failure (`missing`) at `location`. */
  addMaterials(found: readonly CertificateMaterial[], missing: string, location: SourceLocation): void {
    if (found.length === 0) this.failWith('bad_data', missing, location);
    this.materials.push(...found);
  }

  /** Runs `work`; any error becomes a failure at `location` and the result is undefined. */
  async attempt<T>(location: SourceLocation | undefined, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.fail(error, location);
      return undefined;
    }
  }

  /** Records that `skipped` objects (of a fan-out at `location`) were never read: the budget ran out. */
  notStarted(skipped: number, what: string, location?: SourceLocation): void {
    if (skipped > 0)
      this.failWith('timeout', `the scan budget ran out: ${skipped} ${what} not read`, location);
  }

  /** The CollectResult of everything gathered so far. */
  result(): CollectResult {
    return { materials: this.materials, signals: this.signals, failures: this.failures };
  }
}
