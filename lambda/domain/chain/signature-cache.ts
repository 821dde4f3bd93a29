/**
 * Signature checks between two certificates (pkijs over WebCrypto), cached per (child, issuer)
 * pair so a bundle seen in 40 namespaces is verified once. Each certificate is cut into its signed
 * parts once, each issuer's key decoded once and imported once (KeyCachingEngine), however many
 * certificates that issuer signed.
 */
import * as pkijs from 'pkijs';
import type { CertificateFacts } from '../model';
import { KeyCachingEngine } from './key-caching-engine';
import { publicKeyInfo, type SignedParts, signedParts } from './signed-parts';

/** Outcome of checking `child`'s signature with `issuer`'s public key. */
export type SignatureVerdict = 'valid' | 'invalid' | 'unsupported';

/** Caches verdicts, parsed certificates and imported keys; share one per scan (or longer: keys are fingerprints). */
export class SignatureCache {
  private readonly verdicts = new Map<string, Promise<SignatureVerdict>>();
  private readonly parsed = new Map<string, SignedParts | null>();
  private readonly publicKeys = new Map<string, pkijs.PublicKeyInfo | null>();
  // Same WebCrypto as the engine pkijs was set up with (its own default, or a test's setEngine).
  private readonly engine = new KeyCachingEngine({
    name: 'certwatch-key-cache',
    crypto: pkijs.getCrypto(true).crypto,
  });

  /** Verifies `child` was signed by `issuer`'s key; `unsupported` when the algorithm can't be checked. */
  verify(child: CertificateFacts, issuer: CertificateFacts): Promise<SignatureVerdict> {
    const key = `${child.fingerprint}>${issuer.fingerprint}`;
    let verdict = this.verdicts.get(key);
    if (!verdict) {
      verdict = this.check(child, issuer);
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  /** Number of distinct pairs checked so far (for tests and metrics). */
  get size(): number {
    return this.verdicts.size;
  }

  /** Number of issuer public keys imported into WebCrypto so far (for tests and metrics). */
  get importedKeys(): number {
    return this.engine.importedKeys;
  }

  private async check(child: CertificateFacts, issuer: CertificateFacts): Promise<SignatureVerdict> {
    const signed = this.parts(child);
    const key = this.publicKey(issuer);
    if (!signed || !key) return 'unsupported';
    const { tbs, signature, signatureAlgorithm } = signed;
    try {
      return (await this.engine.verifyWithPublicKey(tbs, signature, key, signatureAlgorithm))
        ? 'valid'
        : 'invalid';
    } catch {
      // pkijs throws for algorithms WebCrypto lacks (DSA, some curves) or mismatched key types.
      return sameFamily(signatureAlgorithm.algorithmId, key.algorithm.algorithmId)
        ? 'unsupported'
        : 'invalid';
    }
  }

  private parts(facts: CertificateFacts): SignedParts | null {
    let parts = this.parsed.get(facts.fingerprint);
    if (parts === undefined) {
      try {
        parts = signedParts(facts.der) ?? null;
      } catch {
        parts = null;
      }
      this.parsed.set(facts.fingerprint, parts);
    }
    return parts;
  }

  // One decoded key per issuer fingerprint: the same object every time, so the engine's
  // per-object encoding cache and per-key import cache both hit.
  private publicKey(facts: CertificateFacts): pkijs.PublicKeyInfo | null {
    let key = this.publicKeys.get(facts.fingerprint);
    if (key === undefined) {
      const parts = this.parts(facts);
      try {
        key = parts ? publicKeyInfo(parts) : null;
      } catch {
        key = null;
      }
      this.publicKeys.set(facts.fingerprint, key);
    }
    return key;
  }
}

const EC_KEY = '1.2.840.10045.2.1';
const RSA_KEY = '1.2.840.113549.1.1.1';

// A signature algorithm of the issuer key's family that WebCrypto can't run is "unsupported";
// an RSA signature checked against an EC key (or the reverse) simply isn't from that issuer.
function sameFamily(signatureAlgorithm: string, keyAlgorithm: string): boolean {
  if (keyAlgorithm === EC_KEY) return signatureAlgorithm.startsWith('1.2.840.10045.4');
  if (keyAlgorithm === RSA_KEY) return signatureAlgorithm.startsWith('1.2.840.113549.1.1');
  return true;
}
