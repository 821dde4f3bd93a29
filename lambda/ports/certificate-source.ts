/** A place certificates come from. Sources return raw material; the domain parses it. */
import type { CertificateMaterial, SourceLocation } from '../domain/model';
import type { SourceSignal } from '../domain/signals';

/** Why a source (or one object of it) could not be read. Stable snake_case, never renamed. */
export type SourceFailureReason =
  | 'unauthorized'
  | 'permission_denied'
  | 'not_found'
  | 'server_error'
  | 'timeout'
  | 'bad_data'
  | 'unreachable';

/** One thing a source could not read: becomes a blind-spot finding. */
export interface SourceFailure {
  readonly source: string;
  readonly location?: SourceLocation;
  readonly reason: SourceFailureReason;
  readonly detail: string;
}

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
