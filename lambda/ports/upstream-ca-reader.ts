/** Reads an upstream CA (Vault PKI mount, AWS Private CA): its certificates as raw material. */
import type { UpstreamRef } from '../domain/upstream';
import type { CollectResult } from './certificate-source';

/** Reads one upstream CA. Resolves with failures (sealed, denied, unreachable) rather than rejecting. */
export interface UpstreamCaReader {
  read(ref: UpstreamRef, signal: AbortSignal): Promise<CollectResult>;
}
