/** A CertificateSource that returns what it was given: raw material as a real source would. Test support. */
import type { CertificateSource, CollectResult } from '#ports/certificate-source';

/** Returns `result` on every collect. */
export class FixedSource implements CertificateSource {
  constructor(
    readonly name: string,
    private readonly result: CollectResult,
  ) {}

  async collect(): Promise<CollectResult> {
    return this.result;
  }
}
