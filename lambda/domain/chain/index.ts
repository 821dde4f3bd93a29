/**
 * Chain building as RFC 5280 §6 validates paths: links certificates to their issuers (name
 * chaining, key ids, signature), decides levels, and picks each certificate's best path to a trust
 * anchor (CA flags, keyUsage, pathLen, validity at the instant).
 * Pure domain: imports node:crypto (signature checks), the parser's DER helpers and sibling files
 * only. Results never depend on input order.
 */
import type { X509Certificate } from 'node:crypto';
import type { CertificateFacts, Level } from '../model';
import { bestPath, type PathViolation } from './best-path';
import { type CaProfile, caProfile } from './ca-profile';
import { cmp, linkIssuers } from './link-issuers';
import { nameKey, subjectNameKey } from './name-key';
import { SignatureCache } from './signature-cache';

export type { PathViolation } from './best-path';
export { MAX_SIGNATURE_CHECKS } from './link-issuers';
export { nameKey, subjectNameKey } from './name-key';
export { SignatureCache, type SignatureVerdict } from './signature-cache';

/** One distinct certificate and whether any material carrying it was a trust bundle. */
export interface ChainInput {
  readonly facts: CertificateFacts;
  readonly trustBundle: boolean;
}

/** Options of {@link buildChains}. */
export interface ChainOptions {
  readonly now: Date;
  /** Reuse across calls to skip signatures already checked. @default a fresh cache */
  readonly cache?: SignatureCache;
  /** Fingerprints of explicitly trusted anchors; paths through them are preferred. @default none */
  readonly trusted?: ReadonlySet<string>;
  /** Certificates the parser already decoded natively, by fingerprint (not parsed again). @default none */
  readonly natives?: ReadonlyMap<string, X509Certificate>;
}

/** A certificate's place in its chain of trust. */
export interface ChainLink {
  readonly fingerprint: string;
  readonly level: Level;
  readonly selfSigned: boolean;
  /** Verified issuers present in the material, sorted (several when cross-signed). */
  readonly issuers: readonly string[];
  /** Name/key-id matches whose key does not verify the signature. */
  readonly rejectedIssuers: readonly string[];
  /** Name/key-id matches whose signature algorithm could not be checked (itself, when self-issued). */
  readonly unverifiableIssuers: readonly string[];
  /** Certificates of the issuer's name but another key id (a rotated issuer). */
  readonly otherKeyIssuers: readonly string[];
  /** Certificates holding the issuer's key id under another name (a renamed CA: not an issuer). */
  readonly renamedIssuers: readonly string[];
  /** Candidate issuers left unchecked: the per-certificate signature-check budget ran out. */
  readonly uncheckedIssuers: number;
  /** The constraint the best path breaks (an issuer that may not sign, a pathLen exceeded). */
  readonly violation?: PathViolation;
  /** Every certificate on the best path is valid at `now`. */
  readonly allValid: boolean;
  /** Best path to an anchor, this certificate first. */
  readonly path: readonly string[];
  /** Next certificate on the best path (the issuer that counts). */
  readonly issuerFingerprint?: string;
  readonly anchored: boolean;
  /** Best path passes through a certificate in `options.trusted`. */
  readonly trusted: boolean;
  /** Earliest notAfter on the best path. */
  readonly effectiveNotAfter: Date;
  /** Fingerprint of the top of the best path (the anchor, or the highest certificate found). */
  readonly chainId: string;
  /** Certificates in the material this one verifiably signed. */
  readonly signs: readonly string[];
}

/** Builds every chain the material allows. Input may contain duplicates and come in any order. */
export async function buildChains(
  inputs: readonly ChainInput[],
  options: ChainOptions,
): Promise<Map<string, ChainLink>> {
  const facts = new Map<string, CertificateFacts>();
  const bundled = new Set<string>();
  for (const input of inputs) {
    facts.set(input.facts.fingerprint, input.facts);
    if (input.trustBundle) bundled.add(input.facts.fingerprint);
  }
  const certs = [...facts.values()].sort((a, b) => cmp(a.fingerprint, b.fingerprint));
  const cache = options.cache ?? new SignatureCache();
  if (options.natives) cache.adopt(options.natives);
  const names = new Map<string, string>();
  const links = linkIssuers(certs, cache, names);
  const signs = new Map<string, string[]>();
  for (const [fp, link] of links)
    for (const issuer of link.issuers) {
      const list = signs.get(issuer);
      if (list) list.push(fp);
      else signs.set(issuer, [fp]);
    }
  const profiles = new Map<string, CaProfile>();
  const selfIssued = new Set<string>();
  for (const cert of certs) {
    profiles.set(cert.fingerprint, caProfile(cert, links.get(cert.fingerprint)!.selfSigned));
    if (subjectNameKey(cert, names) === nameKey(cert.issuerKey, names)) selfIssued.add(cert.fingerprint);
  }
  const trusted = options.trusted ?? new Set<string>();
  const ctx = { now: options.now, facts, links, profiles, selfIssued, bundled, trusted };
  const result = new Map<string, ChainLink>();
  for (const cert of certs) {
    const link = links.get(cert.fingerprint)!;
    const chosen = bestPath(cert.fingerprint, ctx);
    const signed = signs.get(cert.fingerprint) ?? [];
    result.set(cert.fingerprint, {
      fingerprint: cert.fingerprint,
      level: link.selfSigned ? 'root' : cert.isCA || signed.length > 0 ? 'intermediate' : 'leaf',
      selfSigned: link.selfSigned,
      issuers: link.issuers,
      rejectedIssuers: link.rejected,
      unverifiableIssuers: link.unverifiable,
      otherKeyIssuers: link.otherKeys,
      renamedIssuers: link.renamed,
      uncheckedIssuers: link.unchecked,
      ...(chosen.violation && { violation: chosen.violation }),
      allValid: chosen.allValid,
      path: chosen.path,
      issuerFingerprint: chosen.path[1],
      anchored: chosen.anchored,
      trusted: chosen.trusted,
      effectiveNotAfter: chosen.effectiveNotAfter,
      chainId: chosen.path[chosen.path.length - 1]!,
      signs: signed,
    });
  }
  return result;
}

export { classifyRole, type RoleHint } from './classify-role';
