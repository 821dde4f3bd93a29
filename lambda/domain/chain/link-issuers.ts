/**
 * Finds each certificate's issuers among the material: candidates by issuer↔subject name and
 * AKI↔SKI, confirmed by signature. Also decides self-signature (roots).
 */
import type { CertificateFacts } from '../model';
import type { SignatureCache } from './signature-cache';

/** What the material says about one certificate's issuers. */
export interface IssuerLinks {
  readonly selfSigned: boolean;
  /** Verified issuers, sorted by fingerprint (several when cross-signed). */
  readonly issuers: readonly string[];
  /** Candidates by name/key id whose key does NOT verify the signature. */
  readonly rejected: readonly string[];
  /** Candidates whose signature algorithm could not be checked. */
  readonly unverifiable: readonly string[];
}

/** Links every certificate (sorted by fingerprint) to its verified issuers. */
export async function linkIssuers(
  certs: readonly CertificateFacts[],
  cache: SignatureCache,
): Promise<Map<string, IssuerLinks>> {
  const bySubject = groupBy(certs, (c) => c.subjectKey);
  const bySki = groupBy(certs, (c) => c.subjectKeyId);
  const entries = await Promise.all(
    certs.map(async (cert) => [cert.fingerprint, await linkOne(cert, bySubject, bySki, cache)] as const),
  );
  return new Map(entries);
}

async function linkOne(
  cert: CertificateFacts,
  bySubject: Map<string, CertificateFacts[]>,
  bySki: Map<string, CertificateFacts[]>,
  cache: SignatureCache,
): Promise<IssuerLinks> {
  if (await isSelfSigned(cert, cache))
    return { selfSigned: true, issuers: [], rejected: [], unverifiable: [] };
  const candidates = new Map<string, CertificateFacts>();
  for (const c of bySubject.get(cert.issuerKey) ?? []) candidates.set(c.fingerprint, c);
  if (cert.authorityKeyId)
    for (const c of bySki.get(cert.authorityKeyId) ?? []) candidates.set(c.fingerprint, c);
  const issuers: string[] = [];
  const rejected: string[] = [];
  const unverifiable: string[] = [];
  const ordered = [...candidates.values()].sort((a, b) => cmp(a.fingerprint, b.fingerprint));
  for (const candidate of ordered) {
    if (candidate.fingerprint === cert.fingerprint || !keyIdsAgree(cert, candidate)) continue;
    const verdict = await cache.verify(cert, candidate);
    const bucket = verdict === 'valid' ? issuers : verdict === 'invalid' ? rejected : unverifiable;
    bucket.push(candidate.fingerprint);
  }
  return { selfSigned: false, issuers, rejected, unverifiable };
}

// Self-signed = same name, consistent key ids, and the certificate's own key verifies it. The CA
// flag is ignored on purpose: Istio's multilevelpki roots have no basicConstraints.
async function isSelfSigned(cert: CertificateFacts, cache: SignatureCache): Promise<boolean> {
  if (cert.subjectKey !== cert.issuerKey || !keyIdsAgree(cert, cert)) return false;
  const verdict = await cache.verify(cert, cert);
  return verdict !== 'invalid';
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
