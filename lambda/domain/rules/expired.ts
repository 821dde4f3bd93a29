/**
 * `expired` (critical): the certificate's notAfter is past. A superseded anchor is reported by
 * `superseded_anchor` instead, never here.
 */
import type { Finding } from '../model';
import { replaceStep } from '../remediation';
import { describe, finding, messageDate, type Rule, type RuleContext, where } from './rule';
import { successorOf } from './superseded-anchor';

/** Fires when `now` is past notAfter. */
export const expired: Rule = {
  id: 'expired',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, now } = ctx;
    if (cert.facts.notAfter.getTime() >= now.getTime() || successorOf(ctx)) return [];
    return [
      finding(
        cert,
        'critical',
        'expired',
        `${describe(cert)} at ${where(cert)} expired on ${messageDate(cert, cert.facts.notAfter, now)}; anything that verifies against it fails now.`,
        replaceStep({ role: cert.role, level: cert.level, where: where(cert) }),
      ),
    ];
  },
};
