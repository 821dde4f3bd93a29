/**
 * `expired` (critical): the certificate's notAfter is past (RFC 5280 validity includes notAfter
 * itself: the instant after it is expired), or its own dates are fine but an issuer on its best
 * path has expired, so it no longer verifies either. A superseded anchor is reported by
 * `superseded_anchor` instead, never here.
 */
import type { Finding } from '../model';
import { replaceStep } from '../remediation';
import { describe, finding, limitingIssuer, messageDate, type Rule, type RuleContext, where } from './rule';
import { successorOf } from './superseded-anchor';

/** Fires when `now` is past notAfter, its own or the earliest on its path. */
export const expired: Rule = {
  id: 'expired',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, now, all } = ctx;
    if (cert.chain.effectiveNotAfter.getTime() >= now.getTime() || successorOf(ctx)) return [];
    const step = replaceStep({ role: cert.role, level: cert.level, where: where(cert) });
    if (cert.facts.notAfter.getTime() < now.getTime())
      return [
        finding(
          cert,
          'critical',
          'expired',
          `${describe(cert)} at ${where(cert)} expired on ${messageDate(cert, cert.facts.notAfter, now)}; anything that verifies against it fails now.`,
          step,
        ),
      ];
    const issuer = limitingIssuer(cert, all);
    const who = issuer ? describe(issuer) : 'an issuer on its chain';
    return [
      finding(
        cert,
        'critical',
        'expired',
        `${describe(cert)} at ${where(cert)} is valid until ${messageDate(cert, cert.facts.notAfter, now)}, but its chain expired on ${messageDate(cert, cert.chain.effectiveNotAfter, now)} with ${who}: it no longer verifies.`,
        `Renew ${who} (or re-issue this certificate under a valid issuer).`,
      ),
    ];
  },
};
