/**
 * `outlives_issuer` (warning): a certificate's notAfter is later than its issuer's (beyond a
 * small grace), so its real lifetime is the issuer's — an intermediate outliving its root.
 */
import type { Finding } from '../model';
import { daysBetween, describe, finding, messageDate, type Rule, type RuleContext, where } from './rule';
import { isInClusterCa, isUpstreamCertificate } from './upstream-expires-first';

/** Fires when the issuer on the best path expires first. */
export const outlivesIssuer: Rule = {
  id: 'outlives_issuer',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, all, policy, now } = ctx;
    const issuerFp = cert.chain.issuerFingerprint;
    const issuer = issuerFp ? all.get(issuerFp) : undefined;
    if (!issuer) return [];
    // An in-cluster CA under an upstream one is `upstream_expires_first`'s (with the upstream's severity).
    if (isUpstreamCertificate(issuer) && isInClusterCa(cert)) return [];
    const overDays = daysBetween(issuer.facts.notAfter, cert.facts.notAfter);
    if (overDays <= policy.outlivesIssuerGraceDays) return [];
    const issuerEnd = messageDate(issuer, issuer.facts.notAfter, now);
    return [
      finding(
        cert,
        'warning',
        'outlives_issuer',
        `${describe(cert)} at ${where(cert)} is valid until ${messageDate(cert, cert.facts.notAfter, now)}, but its issuer ${describe(issuer)} ${issuer.facts.notAfter < now ? `expired on ${issuerEnd}; it no longer verifies` : `expires on ${issuerEnd}; from then on it no longer verifies`}.`,
        `Plan the rotation by the issuer's date (${issuerEnd}), and issue future certificates with a notAfter no later than their issuer's.`,
      ),
    ];
  },
};
