/**
 * `chain_broken`: a non-root certificate with no verified issuer in the material. Critical when a
 * certificate of the issuer's name IS present but is not the issuer (another key: its key id or
 * its signature says so, whichever the certificate carries; or the issuer's key under another
 * name: a renamed CA); severity from policy when nothing of that name is present (a public root
 * left out of a Secret is common and not an outage).
 */
import type { Finding } from '../model';
import { type CertView, describe, finding, type Rule, type RuleContext, where } from './rule';

/** Fires when no issuer of the certificate is in the material. */
export const chainBroken: Rule = {
  id: 'chain_broken',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, all, policy } = ctx;
    const link = cert.chain;
    if (link.selfSigned || link.issuers.length > 0 || cert.bundles.length > 0) return [];
    if (link.unverifiableIssuers.length > 0 || link.uncheckedIssuers > 0) return []; // other rules say why
    const impostor = [...link.rejectedIssuers, ...link.otherKeyIssuers].sort()[0];
    if (impostor !== undefined) {
      const named = all.get(impostor);
      return [
        broken(
          cert,
          'critical',
          `names ${named ? describe(named) : 'its issuer'} as its issuer, but that certificate holds another key (its signature does not verify): the chain is broken (the issuer was replaced without re-issuing this one).`,
          'Re-issue this certificate from the current issuer, or put back the issuer that signed it.',
        ),
      ];
    }
    const renamed = link.renamedIssuers[0] !== undefined ? all.get(link.renamedIssuers[0]) : undefined;
    if (renamed) {
      return [
        broken(
          cert,
          'critical',
          `was issued by '${cert.facts.issuer}', but the CA holding that key is now named '${renamed.facts.subject}': RFC 5280 chains by name, so peers (and openssl) cannot build its chain.`,
          'Re-issue this certificate from the renamed CA (its issuer name must equal the CA subject), or restore the CA certificate under its old name.',
        ),
      ];
    }
    return [
      broken(
        cert,
        policy.missingIssuerSeverity,
        `was issued by '${cert.facts.issuer}', which is not in the material read: its chain cannot be followed to a trust anchor.`,
        'Add the issuing CA certificate next to it (e.g. ca.crt / cert-chain.pem), or make sure the source that holds it is readable.',
      ),
    ];
  },
};

function broken(cert: CertView, severity: Finding['severity'], what: string, fix: string): Finding {
  return finding(cert, severity, 'chain_broken', `${describe(cert)} at ${where(cert)} ${what}`, fix);
}
