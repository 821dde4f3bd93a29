/**
 * `workload_lifetime_too_long` (warning): a workload certificate (SPIFFE ID or `*-workload` role)
 * whose lifetime exceeds the mesh maximum — long-lived identities defeat automatic rotation.
 */
import type { Finding } from '../model';
import { daysBetween, describe, finding, isWorkload, type Rule, type RuleContext, where } from './rule';

/** Fires on leaf workload certificates living longer than `maxWorkloadLifetimeDays`. */
export const workloadLifetimeTooLong: Rule = {
  id: 'workload_lifetime_too_long',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, policy } = ctx;
    if (!isWorkload(cert)) return [];
    const days = daysBetween(cert.facts.notBefore, cert.facts.notAfter);
    if (days <= policy.maxWorkloadLifetimeDays) return [];
    return [
      finding(
        cert,
        'warning',
        'workload_lifetime_too_long',
        `${describe(cert)} at ${where(cert)} lives ${Math.floor(days)} days, more than the ${policy.maxWorkloadLifetimeDays}-day maximum for workload certificates.`,
        'Lower the workload certificate TTL (Istio SECRET_TTL / MAX_WORKLOAD_CERT_TTL, Linkerd issuanceLifetime, cert-manager duration) so it rotates automatically.',
      ),
    ];
  },
};
