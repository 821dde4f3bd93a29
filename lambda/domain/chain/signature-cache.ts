/**
 * Signature checks between two certificates with Node's own X.509 verification (OpenSSL): RSA
 * PKCS#1 v1.5 and PSS, ECDSA on P-256/384/521, Ed25519, Ed448 and DSA. Verdicts are cached per
 * (child, issuer) pair, each certificate is decoded once and each issuer key extracted once, so a
 * bundle seen in 40 namespaces is verified once and one issuer signing 1,000 leaves costs 1,000
 * checks, not 1,000 key imports.
 */
import { type KeyObject, X509Certificate } from 'node:crypto';
import type { CertificateFacts } from '../model';
import { decodeOid, readChildren, readTlv } from '../parse/der-reader';

/** Outcome of checking `child`'s signature with `issuer`'s public key. */
export type SignatureVerdict = 'valid' | 'invalid' | 'unsupported';

type KeyFamily = 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | 'ed448' | 'dsa';

// Signature algorithm OID → the key family that can verify it. Anything else is "unsupported".
const SIGNATURE_FAMILIES: Readonly<Record<string, readonly (KeyFamily | 'other')[]>> = {
  '1.2.840.113549.1.1.4': ['rsa'], // md5WithRSAEncryption
  '1.2.840.113549.1.1.5': ['rsa'], // sha1WithRSAEncryption
  '1.2.840.113549.1.1.14': ['rsa'], // sha224WithRSAEncryption
  '1.2.840.113549.1.1.11': ['rsa'],
  '1.2.840.113549.1.1.12': ['rsa'],
  '1.2.840.113549.1.1.13': ['rsa'],
  '1.2.840.113549.1.1.10': ['rsa', 'rsa-pss'], // RSASSA-PSS
  '1.2.840.10045.4.1': ['ec'], // ecdsa-with-SHA1
  '1.2.840.10045.4.3.1': ['ec'],
  '1.2.840.10045.4.3.2': ['ec'],
  '1.2.840.10045.4.3.3': ['ec'],
  '1.2.840.10045.4.3.4': ['ec'],
  '1.3.101.112': ['ed25519'],
  '1.3.101.113': ['ed448'],
  '1.2.840.10040.4.3': ['dsa'], // dsa-with-sha1
  '2.16.840.1.101.3.4.3.1': ['dsa'],
  '2.16.840.1.101.3.4.3.2': ['dsa'],
};

interface Decoded {
  readonly cert: X509Certificate;
  /** OID of the outer signatureAlgorithm, read when the certificate is first checked as a child. */
  signatureOid?: string | null;
  key?: KeyObject | null;
}

/** Caches verdicts, decoded certificates and issuer keys; share one per scan (keys are fingerprints). */
export class SignatureCache {
  private readonly verdicts = new Map<string, SignatureVerdict>();
  private readonly decoded = new Map<string, Decoded | null>();
  private keys = 0;

  /** Verifies `child` was signed by `issuer`'s key; `unsupported` when the algorithm can't be checked. */
  verify(child: CertificateFacts, issuer: CertificateFacts): SignatureVerdict {
    const id = `${child.fingerprint}>${issuer.fingerprint}`;
    let verdict = this.verdicts.get(id);
    if (!verdict) {
      verdict = this.check(child, issuer);
      this.verdicts.set(id, verdict);
    }
    return verdict;
  }

  /** Whether the pair was already checked (a cached verdict costs no signature check). */
  has(child: CertificateFacts, issuer: CertificateFacts): boolean {
    return this.verdicts.has(`${child.fingerprint}>${issuer.fingerprint}`);
  }

  /**
   * Takes certificates the parser already decoded natively (fingerprint → X509Certificate), so
   * checking a signature does not parse the DER a second time. Entries already known are kept.
   */
  adopt(natives: ReadonlyMap<string, X509Certificate>): void {
    for (const [fingerprint, cert] of natives)
      if (!this.decoded.has(fingerprint)) this.decoded.set(fingerprint, { cert });
  }

  /** Number of distinct pairs checked so far (for tests and metrics). */
  get size(): number {
    return this.verdicts.size;
  }

  /** Number of issuer public keys extracted so far (for tests and metrics). */
  get importedKeys(): number {
    return this.keys;
  }

  private check(child: CertificateFacts, issuer: CertificateFacts): SignatureVerdict {
    const signed = this.decode(child);
    const key = this.publicKey(issuer);
    if (signed && signed.signatureOid === undefined) signed.signatureOid = signatureOid(child.der) ?? null;
    const families = signed?.signatureOid ? SIGNATURE_FAMILIES[signed.signatureOid] : undefined;
    if (!signed || !families || key === undefined) return 'unsupported';
    if (!families.includes(family(key))) return 'invalid'; // e.g. an ECDSA signature and an RSA key
    try {
      return signed.cert.verify(key) ? 'valid' : 'invalid';
    } catch {
      return 'invalid';
    }
  }

  private decode(facts: CertificateFacts): Decoded | null {
    let entry = this.decoded.get(facts.fingerprint);
    if (entry === undefined) {
      try {
        entry = { cert: new X509Certificate(facts.der) };
      } catch {
        entry = null; // pkijs accepted what OpenSSL refuses: nothing can be verified with it
      }
      this.decoded.set(facts.fingerprint, entry);
    }
    return entry;
  }

  private publicKey(facts: CertificateFacts): KeyObject | undefined {
    const entry = this.decode(facts);
    if (!entry) return undefined;
    if (entry.key === undefined) {
      try {
        entry.key = entry.cert.publicKey;
        this.keys += 1;
      } catch {
        entry.key = null; // a key type OpenSSL does not know
      }
    }
    return entry.key ?? undefined;
  }
}

function family(key: KeyObject): KeyFamily | 'other' {
  const type = key.asymmetricKeyType;
  return type === 'rsa' ||
    type === 'rsa-pss' ||
    type === 'ec' ||
    type === 'ed25519' ||
    type === 'ed448' ||
    type === 'dsa'
    ? type
    : 'other';
}

/** OID of the outer signatureAlgorithm (the one the signature was made with). */
function signatureOid(der: Uint8Array): string | undefined {
  const outer = readTlv(der, 0);
  const algorithm = outer && readChildren(der, outer)?.[1];
  const oid = algorithm && readTlv(der, algorithm.valueStart, algorithm.end);
  return oid?.tag === 0x06 ? decodeOid(der, oid.valueStart, oid.end) : undefined;
}
