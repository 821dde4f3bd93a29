/**
 * `upstream_expires_first`: an in-cluster CA (Istio `cacerts` intermediate, cert-manager CA,
 * Linkerd issuer…) whose upstream CA (a Vault PKI issuer, an AWS Private CA) expires before it.
 * Everything the in-cluster CA signs stops verifying on the upstream's date, not on its own.
 * Severity comes from the upstream's days left, judged by the upstream's level.
 */
import type { Finding, Severity } from '../model';
import type { RiskPolicy } from '../policy';
import { replaceStep } from '../remediation';
import { rotateUpstream } from '../remediation/upstream-actions';
import { isUpstreamLocation, upstreamOfLocation } from '../upstream';
import {
  type CertView,
  daysBetween,
  describe,
  finding,
  messageDate,
  type Rule,
  type RuleContext,
  where,
} from './rule';

/** A certificate read from Vault PKI or AWS Private CA. */
export function isUpstreamCertificate(view: CertView): boolean {
  return view.sources.some(isUpstreamLocation);
}

/** A CA certificate found in the cluster itself (not only in an upstream). */
export function isInClusterCa(view: CertView): boolean {
  return (view.facts.isCA || view.level === 'intermediate') && !isUpstreamCertificate(view);
}

/** Fires for each in-cluster CA with an upstream on its path that expires first (the earliest one). */
export const upstreamExpiresFirst: Rule = {
  id: 'upstream_expires_first',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, all, now, policy } = ctx;
    if (!isInClusterCa(cert)) return [];
    const upstream = cert.chain.path
      .slice(1)
      .map((fp) => all.get(fp))
      .filter((v): v is CertView => v !== undefined && isUpstreamCertificate(v))
      .filter((v) => daysBetween(v.facts.notAfter, cert.facts.notAfter) > policy.outlivesIssuerGraceDays)
      .sort((a, b) => a.facts.notAfter.getTime() - b.facts.notAfter.getTime())[0];
    if (!upstream) return [];
    const ref = upstream.sources.map(upstreamOfLocation).find((r) => r !== undefined);
    const leftDays = daysBetween(now, upstream.facts.notAfter);
    const upEnd = messageDate(upstream, upstream.facts.notAfter, now);
    const when =
      leftDays < 0 ? `expired on ${upEnd}` : `expires on ${upEnd} (in ${Math.floor(leftDays)} days)`;
    return [
      finding(
        cert,
        severityOf(upstream, leftDays, policy),
        'upstream_expires_first',
        `${describe(cert)} at ${where(cert)} is valid until ${messageDate(cert, cert.facts.notAfter, now)}, but its upstream CA ${describe(upstream)} at ${where(upstream)} ${when}: from then on nothing it signs verifies.`,
        `${rotateUpstream(ref)} Then in the cluster: ${replaceStep({ role: cert.role, level: cert.level, where: where(cert) })}`,
      ),
    ];
  },
};

function severityOf(upstream: CertView, leftDays: number, policy: RiskPolicy): Severity {
  const thresholds = upstream.level === 'root' ? policy.root : policy.intermediate;
  return leftDays < thresholds.criticalDays ? 'critical' : 'warning';
}
