/**
 * The upstream CA reader the scan uses: Vault PKI mounts and AWS Private CAs, each through its
 * own adapter. May import: domain types, ports, its sibling adapters.
 */
import type { UpstreamRef } from '../../domain/upstream';
import type { CollectResult } from '../../ports/certificate-source';
import type { UpstreamCaReader } from '../../ports/upstream-ca-reader';
import type { AwsPrivateCaReader } from './aws-private-ca-reader';
import type { VaultPkiReader } from './vault-pki-reader';

/** Reads any upstream by kind. */
export class ExternalCaReader implements UpstreamCaReader {
  constructor(
    private readonly vault: VaultPkiReader,
    private readonly privateCa: AwsPrivateCaReader,
  ) {}

  /** Reads `ref`. */
  read(ref: UpstreamRef, signal: AbortSignal): Promise<CollectResult> {
    return ref.kind === 'vault' ? this.vault.read(ref, signal) : this.privateCa.read(ref, signal);
  }
}
