/**
 * Chain building: links certificates to their issuers (name + key id, confirmed by signature),
 * decides levels, and picks each certificate's best path to a trust anchor.
 * Pure domain: imports pkijs, asn1js, the parser's DER walker (../parse/der-reader) and sibling
 * files only. Results never depend on input order.
 */
import type { CertificateFacts, Level } from '../model';
import { bestPath } from './best-path';
import { cmp, linkIssuers } from './link-issuers';
import { SignatureCache } from './signature-cache';

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
  /** Name/key-id matches whose signature algorithm could not be checked. */
  readonly unverifiableIssuers: readonly string[];
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
  const links = await linkIssuers(certs, options.cache ?? new SignatureCache());
  const signs = new Map<string, string[]>();
  for (const [fp, link] of links)
    for (const issuer of link.issuers) signs.set(issuer, [...(signs.get(issuer) ?? []), fp]);
  const ctx = { now: options.now, facts, links, bundled, trusted: options.trusted ?? new Set<string>() };
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
