/**
 * Finds each certificate's issuers among the material, as RFC 5280 §6 chains names: candidates are
 * the certificates whose subject equals the child's issuer name (compared as RFC 5280 §7.1 says),
 * key identifiers only narrow them, and a signature check confirms each. Work is bounded: every
 * (child, candidate) pair is verified at most once and each certificate gets at most
 * {@link MAX_SIGNATURE_CHECKS} checks (Go's crypto/x509 stops at 100 too); what is left is counted.
 */
import type { CertificateFacts } from '../model';
import { nameKey, subjectNameKey } from './name-key';
import type { SignatureCache } from './signature-cache';

/** Signature checks one certificate may cost, its own self-check included. */
export const MAX_SIGNATURE_CHECKS = 100;

/** What the material says about one certificate's issuers. */
export interface IssuerLinks {
  readonly selfSigned: boolean;
  /** Same-name candidates whose key verifies the signature, sorted by fingerprint (several when cross-signed). */
  readonly issuers: readonly string[];
  /** Same-name candidates whose key does NOT verify the signature. */
  readonly rejected: readonly string[];
  /** Same-name candidates whose signature algorithm could not be checked. */
  readonly unverifiable: readonly string[];
  /** Same-name certificates of another key (their SKI is not the child's AKI): a rotated issuer. */
  readonly otherKeys: readonly string[];
  /** Certificates with the child's AKI as SKI but another subject name: a renamed CA, not the issuer. */
  readonly renamed: readonly string[];
  /** Candidates left unchecked because the signature-check budget ran out. */
  readonly unchecked: number;
}

/** Links every certificate (sorted by fingerprint) to its verified issuers; `names` caches {@link nameKey}. */
export function linkIssuers(
  certs: readonly CertificateFacts[],
  cache: SignatureCache,
  names: Map<string, string> = new Map(),
): Map<string, IssuerLinks> {
  const subjectOf = new Map(certs.map((c) => [c.fingerprint, subjectNameKey(c, names)]));
  const bySubject = groupBy(certs, (c) => subjectOf.get(c.fingerprint));
  const bySki = groupBy(certs, (c) => c.subjectKeyId);
  const index: Index = { names, subjectOf, bySubject, bySki };
  return new Map(certs.map((cert) => [cert.fingerprint, linkOne(cert, index, cache)] as const));
}

interface Index {
  readonly names: Map<string, string>;
  readonly subjectOf: ReadonlyMap<string, string>;
  readonly bySubject: ReadonlyMap<string, readonly CertificateFacts[]>;
  readonly bySki: ReadonlyMap<string, readonly CertificateFacts[]>;
}

function linkOne(cert: CertificateFacts, index: Index, cache: SignatureCache): IssuerLinks {
  const issuerName = nameKey(cert.issuerKey, index.names);
  const selfIssued = issuerName === index.subjectOf.get(cert.fingerprint);
  const links = {
    selfSigned: false,
    issuers: [] as string[],
    rejected: [] as string[],
    unverifiable: [] as string[],
    otherKeys: [] as string[],
    renamed: renamedIssuers(cert, issuerName, index),
    unchecked: 0,
  };
  let budget = MAX_SIGNATURE_CHECKS;
  if (selfIssued && keyIdsAgree(cert, cert)) {
    budget -= 1;
    const own = cache.verify(cert, cert);
    if (own === 'valid') return { ...links, selfSigned: true };
    // A self-issued certificate whose own key cannot be checked is not taken for a root.
    if (own === 'unsupported') links.unverifiable.push(cert.fingerprint);
  }
  const candidates = (index.bySubject.get(issuerName) ?? []).filter(
    (c) => c.fingerprint !== cert.fingerprint,
  );
  for (const candidate of candidates) {
    if (!keyIdsAgree(cert, candidate)) {
      links.otherKeys.push(candidate.fingerprint);
      continue;
    }
    if (budget === 0 && !cache.has(cert, candidate)) {
      links.unchecked += 1;
      continue;
    }
    if (!cache.has(cert, candidate)) budget -= 1;
    const verdict = cache.verify(cert, candidate);
    const bucket =
      verdict === 'valid' ? links.issuers : verdict === 'invalid' ? links.rejected : links.unverifiable;
    bucket.push(candidate.fingerprint);
  }
  return links;
}

// The certificate whose key signed the child but whose name is not the child's issuer name: a CA
// renamed without re-issuing its children. RFC 5280 (and openssl, error 20) do not chain to it.
function renamedIssuers(cert: CertificateFacts, issuerName: string, index: Index): string[] {
  if (!cert.authorityKeyId) return [];
  return (index.bySki.get(cert.authorityKeyId) ?? [])
    .filter((c) => c.fingerprint !== cert.fingerprint && index.subjectOf.get(c.fingerprint) !== issuerName)
    .map((c) => c.fingerprint);
}

// A candidate whose SKI differs from the child's AKI is another key generation with the same name
// (rotation): not an issuer, and not a broken signature either.
function keyIdsAgree(child: CertificateFacts, issuer: CertificateFacts): boolean {
  return !child.authorityKeyId || !issuer.subjectKeyId || child.authorityKeyId === issuer.subjectKeyId;
}

function groupBy(
  certs: readonly CertificateFacts[],
  key: (c: CertificateFacts) => string | undefined,
): Map<string, CertificateFacts[]> {
  const map = new Map<string, CertificateFacts[]>();
  for (const cert of certs) {
    const k = key(cert);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(cert);
    else map.set(k, [cert]);
  }
  return map;
}

/** Plain string order (no locale), so results never depend on the machine. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
