/**
 * `chain_invalid` (critical): the certificate's issuers verify, but its best path breaks a
 * constraint of RFC 5280 §6.1.4 that `openssl verify` enforces too: an issuer that may not sign
 * certificates (basicConstraints CA:FALSE or absent, keyUsage without keyCertSign) or a
 * pathLenConstraint exceeded. Peers reject the chain, so this is an outage, not a style issue.
 */
import type { Finding } from '../model';
import { describe, finding, type Rule, type RuleContext, where } from './rule';

/** Fires when the best path keeps no RFC 5280 constraint it should. */
export const chainInvalid: Rule = {
  id: 'chain_invalid',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, all } = ctx;
    const violation = cert.chain.violation;
    if (!violation || cert.chain.selfSigned) return [];
    const at = all.get(violation.at);
    const who = at ? describe(at) : 'an issuer';
    const broken =
      violation.constraint === 'ca'
        ? `its issuer ${who} may not sign certificates: ${violation.why} (openssl: invalid CA certificate)`
        : `${who} limits the chain below it: ${violation.why} (openssl: path length constraint exceeded)`;
    return [
      finding(
        cert,
        'critical',
        'chain_invalid',
        `${describe(cert)} at ${where(cert)} does not validate: ${broken}.`,
        violation.constraint === 'ca'
          ? 'Issue it from a CA certificate (basicConstraints CA:TRUE, keyUsage keyCertSign), or re-issue that issuer as a CA.'
          : 'Shorten the chain (issue it from a CA nearer the root) or re-issue the constraining CA with a larger pathLen.',
      ),
    ];
  },
};
