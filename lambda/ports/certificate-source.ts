/** A place certificates come from. Sources return raw material; the domain parses it. */
import type { CertificateMaterial } from '../domain/model';
import type { SourceSignal } from '../domain/signals';
import type { SourceFailure } from '../domain/source-failure';

export type { SourceFailure, SourceFailureReason } from '../domain/source-failure';

/** What one source collected. */
export interface CollectResult {
  readonly materials: CertificateMaterial[];
  readonly signals: SourceSignal[];
  readonly failures: SourceFailure[];
}

/** A place certificates come from: a mesh, cert-manager, an external CA. */
export interface CertificateSource {
  /** Stable id, e.g. `istio`. */
  readonly name: string;
  /** Resolves even when some objects fail (they go in `failures`); rejects only when unreachable. */
  collect(signal: AbortSignal): Promise<CollectResult>;
}
