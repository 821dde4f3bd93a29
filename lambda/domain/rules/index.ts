/**
 * Risk rules, one per file, and the function that runs them all over a set of certificates.
 * Pure domain: imports ../model, ../policy, ../chain types, ../remediation and sibling files only.
 */
import type { Finding } from '../model';
import type { RiskPolicy } from '../policy';
import { chainBroken } from './chain-broken';
import { chainInvalid } from './chain-invalid';
import { expired } from './expired';
import { expiringSoon } from './expiring-soon';
import { issuerNotTrusted } from './issuer-not-trusted';
import { notYetValid } from './not-yet-valid';
import { outlivesIssuer } from './outlives-issuer';
import type { CertView, Rule } from './rule';
import { sha1Signature } from './sha1-signature';
import { signatureUnverifiable } from './signature-unverifiable';
import { supersededAnchor } from './superseded-anchor';
import { tooManyCandidateIssuers } from './too-many-issuers';
import { unsupportedAlgorithm } from './unsupported-algorithm';
import { upstreamExpiresFirst } from './upstream-expires-first';
import { weakKey } from './weak-key';
import { workloadLifetimeTooLong } from './workload-lifetime-too-long';

export type { CertView, Rule, RuleContext } from './rule';

/** Every per-certificate rule, generic ones first, then the Linkerd role-aware one. */
export const RULES: readonly Rule[] = [
  expired,
  notYetValid,
  expiringSoon,
  chainBroken,
  chainInvalid,
  signatureUnverifiable,
  tooManyCandidateIssuers,
  issuerNotTrusted,
  outlivesIssuer,
  upstreamExpiresFirst,
  weakKey,
  sha1Signature,
  workloadLifetimeTooLong,
  supersededAnchor,
  unsupportedAlgorithm,
];

/** Runs `rules` on every certificate; findings come out in certificate order, then rule order. */
export function evaluateRules(
  certs: ReadonlyMap<string, CertView>,
  now: Date,
  policy: RiskPolicy,
  rules: readonly Rule[] = RULES,
): Finding[] {
  const findings: Finding[] = [];
  for (const cert of certs.values()) {
    for (const rule of rules) findings.push(...rule.evaluate({ now, policy, cert, all: certs }));
  }
  return findings;
}
