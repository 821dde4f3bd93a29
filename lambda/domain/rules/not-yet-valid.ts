/**
 * `not_yet_valid`: notBefore is in the future — usually clock skew or a certificate issued with a
 * future start. Warning in general; critical for Linkerd's anchors and issuer, which `linkerd check`
 * treats as fatal. The start is printed to the minute: clock skew is hours, not days.
 */
import { formatMinute } from '../format-date';
import type { Finding } from '../model';
import { describe, finding, linkerdIdentityRole, type Rule, type RuleContext, where } from './rule';

/** Fires when `now` is before notBefore. */
export const notYetValid: Rule = {
  id: 'not_yet_valid',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, now } = ctx;
    if (cert.facts.notBefore.getTime() <= now.getTime()) return [];
    const severity = linkerdIdentityRole(cert) ? 'critical' : 'warning';
    return [
      finding(
        cert,
        severity,
        'not_yet_valid',
        `${describe(cert)} at ${where(cert)} is not valid before ${formatMinute(cert.facts.notBefore)}; peers reject it until then.`,
        'Check the clock of the machine that issued it (and of this scanner); re-issue it with a notBefore in the past if the clock was wrong.',
      ),
    ];
  },
};
