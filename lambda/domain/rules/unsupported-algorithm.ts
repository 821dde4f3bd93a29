/**
 * `unsupported_algorithm` (critical) — Linkerd only, as `linkerd check` (fatal): the issuer must be
 * ECDSA P-256 signed with ecdsa-with-SHA256 or sha256WithRSA; anchors ECDSA P-256 or RSA 2048/4096.
 */
import type { Finding } from '../model';
import { describe, finding, linkerdIdentityRole, type Rule, type RuleContext, where } from './rule';

const ISSUER_SIGNATURES = ['ecdsa-with-SHA256', 'sha256WithRSAEncryption'];

/** Fires on Linkerd anchors / issuers the Linkerd identity service cannot use. */
export const unsupportedAlgorithm: Rule = {
  id: 'unsupported_algorithm',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert } = ctx;
    const role = linkerdIdentityRole(cert);
    if (!role) return [];
    const { keyAlgorithm, keySize, curve, signatureAlgorithm } = cert.facts;
    const p256 = keyAlgorithm === 'EC' && curve === 'P-256';
    const rsa = keyAlgorithm === 'RSA' && (keySize === 2048 || keySize === 4096);
    const keyOk = role === 'issuer' ? p256 : p256 || rsa;
    const sigOk = role === 'anchor' || ISSUER_SIGNATURES.includes(signatureAlgorithm);
    if (keyOk && sigOk) return [];
    const has = `${keyAlgorithm}${curve ? ` ${curve}` : keySize ? ` ${keySize}` : ''} key, ${signatureAlgorithm} signature`;
    const needs =
      role === 'issuer' ? 'an ECDSA P-256 key signed with SHA-256' : 'an ECDSA P-256 or RSA 2048/4096 key';
    return [
      finding(
        cert,
        'critical',
        'unsupported_algorithm',
        `${describe(cert)} at ${where(cert)} has a ${has}; Linkerd requires ${needs} (linkerd check fails).`,
        role === 'issuer'
          ? 'Re-issue the issuer with an ECDSA P-256 key (step certificate create ... --kty EC --crv P-256 --profile intermediate-ca) and apply it with linkerd upgrade.'
          : 'Create a new trust anchor with an ECDSA P-256 key and rotate to it (bundle old + new, restart proxies, re-issue the issuer).',
      ),
    ];
  },
};
