/**
 * `signature_unverifiable` (warning): a certificate of the issuer's name is present (or the
 * certificate names itself), but the signature algorithm is one certwatch cannot check, so neither
 * the link nor a root can be confirmed. Never left as a silent root or a silent gap.
 */
import type { Finding } from '../model';
import { describe, finding, type Rule, type RuleContext, where } from './rule';

/** Fires on a certificate with no verified issuer whose candidate issuers could not be checked. */
export const signatureUnverifiable: Rule = {
  id: 'signature_unverifiable',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert } = ctx;
    const link = cert.chain;
    if (link.selfSigned || link.issuers.length > 0 || link.unverifiableIssuers.length === 0) return [];
    return [
      finding(
        cert,
        'warning',
        'signature_unverifiable',
        `${describe(cert)} at ${where(cert)} is signed with ${cert.facts.signatureAlgorithm}, which certwatch cannot verify: whether '${cert.facts.issuer}' signed it (and whether it is a root) is unknown.`,
        'Check the chain with a tool that supports this algorithm (openssl verify), or re-issue it with RSA, ECDSA or Ed25519.',
      ),
    ];
  },
};
