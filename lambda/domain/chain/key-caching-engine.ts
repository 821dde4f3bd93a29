/**
 * A pkijs crypto engine that imports each issuer public key once. Stock pkijs re-encodes and
 * re-imports the issuer's SubjectPublicKeyInfo through WebCrypto on every signature check, so one
 * intermediate that signs 1,000 workload certificates cost 1,000 identical imports.
 */
import * as pkijs from 'pkijs';

/** pkijs `CryptoEngine` whose `getPublicKey` remembers each imported key (by key bytes + import parameters). */
export class KeyCachingEngine extends pkijs.CryptoEngine {
  // Keyed by content, not by object: the same key in two certificates (a re-issued or
  // cross-signed CA) is imported once too. Import parameters are part of the key because
  // WebCrypto binds an RSA key to one hash, taken from the child's signature algorithm.
  private readonly keys = new Map<string, Promise<CryptoKey>>();
  // SignatureCache keeps one parsed certificate per fingerprint, so each SPKI is encoded once.
  private readonly encoded = new WeakMap<
    pkijs.PublicKeyInfo,
    { der: Uint8Array<ArrayBuffer>; hex: string }
  >();
  private imports = 0;

  /** Number of WebCrypto key imports so far (for tests and metrics). */
  get importedKeys(): number {
    return this.imports;
  }

  /** Same contract as pkijs' `getPublicKey`; returns the already imported key when there is one. */
  override async getPublicKey(
    publicKeyInfo: pkijs.PublicKeyInfo,
    signatureAlgorithm: pkijs.AlgorithmIdentifier,
    parameters?: pkijs.CryptoEnginePublicKeyParams,
  ): Promise<CryptoKey> {
    const params = parameters ?? this.fillPublicKeyParameters(publicKeyInfo, signatureAlgorithm);
    const spki = this.encode(publicKeyInfo);
    const id = `${JSON.stringify(params.algorithm)}|${spki.hex}`;
    let key = this.keys.get(id);
    if (!key) {
      const { algorithm, usages } = params.algorithm;
      this.imports += 1;
      key = this.importKey('spki', spki.der, algorithm as globalThis.AlgorithmIdentifier, true, usages);
      this.keys.set(id, key);
    }
    return key;
  }

  private encode(info: pkijs.PublicKeyInfo): { der: Uint8Array<ArrayBuffer>; hex: string } {
    let spki = this.encoded.get(info);
    if (!spki) {
      const der = new Uint8Array(info.toSchema().toBER(false));
      spki = { der, hex: Buffer.from(der).toString('hex') };
      this.encoded.set(info, spki);
    }
    return spki;
  }
}
