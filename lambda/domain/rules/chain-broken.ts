/**
 * `chain_broken`: a certificate names an issuer that is present but whose key does not verify
 * its signature (critical), or a non-root whose issuer is not in the material at all (severity
 * from policy: a public root left out of a Secret is common and not an outage).
 */
import type { Finding } from '../model';
import { describe, finding, type Rule, type RuleContext, where } from './rule';

/** Fires when the best path stops short of an anchor. */
export const chainBroken: Rule = {
  id: 'chain_broken',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, all, policy } = ctx;
    const link = cert.chain;
    if (link.selfSigned || link.issuers.length > 0 || cert.bundles.length > 0) return [];
    if (link.rejectedIssuers.length > 0) {
      const named = all.get(link.rejectedIssuers[0]!);
      const who = named ? describe(named) : 'its issuer';
      return [
        finding(
          cert,
          'critical',
          'chain_broken',
          `${describe(cert)} at ${where(cert)} names ${who} as its issuer, but that certificate's key does not verify its signature: the chain is broken (the issuer was replaced without re-issuing this one).`,
          'Re-issue this certificate from the current issuer, or put back the issuer that signed it.',
        ),
      ];
    }
    if (link.unverifiableIssuers.length > 0) return [];
    return [
      finding(
        cert,
        policy.missingIssuerSeverity,
        'chain_broken',
        `${describe(cert)} at ${where(cert)} was issued by '${cert.facts.issuer}', which is not in the material read: its chain cannot be followed to a trust anchor.`,
        'Add the issuing CA certificate next to it (e.g. ca.crt / cert-chain.pem), or make sure the source that holds it is readable.',
      ),
    ];
  },
};
