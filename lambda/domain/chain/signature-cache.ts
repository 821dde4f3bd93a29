/**
 * Signature checks between two certificates (pkijs over WebCrypto), cached per (child, issuer)
 * pair so a bundle seen in 40 namespaces is verified once.
 */
import * as pkijs from 'pkijs';
import type { CertificateFacts } from '../model';

/** Outcome of checking `child`'s signature with `issuer`'s public key. */
export type SignatureVerdict = 'valid' | 'invalid' | 'unsupported';

/** Caches verdicts and parsed certificates; share one per scan (or longer: keys are fingerprints). */
export class SignatureCache {
  private readonly verdicts = new Map<string, Promise<SignatureVerdict>>();
  private readonly parsed = new Map<string, pkijs.Certificate | null>();

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

  private async check(child: CertificateFacts, issuer: CertificateFacts): Promise<SignatureVerdict> {
    const c = this.parse(child);
    const i = this.parse(issuer);
    if (!c || !i) return 'unsupported';
    try {
      return (await c.verify(i)) ? 'valid' : 'invalid';
    } catch {
      // pkijs throws for algorithms WebCrypto lacks (DSA, some curves) or mismatched key types.
      return sameFamily(c, i) ? 'unsupported' : 'invalid';
    }
  }

  private parse(facts: CertificateFacts): pkijs.Certificate | null {
    let cert = this.parsed.get(facts.fingerprint);
    if (cert === undefined) {
      try {
        cert = pkijs.Certificate.fromBER(new Uint8Array(facts.der));
      } catch {
        cert = null;
      }
      this.parsed.set(facts.fingerprint, cert);
    }
    return cert;
  }
}

const EC_KEY = '1.2.840.10045.2.1';
const RSA_KEY = '1.2.840.113549.1.1.1';

// A signature algorithm of the issuer key's family that WebCrypto can't run is "unsupported";
// an RSA signature checked against an EC key (or the reverse) simply isn't from that issuer.
function sameFamily(child: pkijs.Certificate, issuer: pkijs.Certificate): boolean {
  const sig = child.signatureAlgorithm.algorithmId;
  const key = issuer.subjectPublicKeyInfo.algorithm.algorithmId;
  if (key === EC_KEY) return sig.startsWith('1.2.840.10045.4');
  if (key === RSA_KEY) return sig.startsWith('1.2.840.113549.1.1');
  return true;
}
