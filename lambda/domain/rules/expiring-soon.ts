/**
 * `expiring_soon`: a valid certificate close to its notAfter, judged by level with absolute AND
 * lifetime-relative thresholds (docs/rules.md). Leaves warn when their rotation is overdue
 * (past the mesh's rotation point plus grace) and turn critical near the end of their life.
 * A superseded anchor is reported by `superseded_anchor` instead, never here.
 */
import { formatMinute } from '../format-date';
import type { Finding, Severity } from '../model';
import type { CaThresholds, RiskPolicy } from '../policy';
import { replaceStep } from '../remediation';
import { DAY_MS } from '../time';
import {
  type CertView,
  daysBetween,
  describe,
  finding,
  limitingIssuer,
  linkerdIdentityRole,
  messageDate,
  type Rule,
  type RuleContext,
  where,
} from './rule';
import { successorOf } from './superseded-anchor';

interface Timing {
  readonly leftDays: number;
  readonly lifetimeDays: number;
  readonly fractionLeft: number;
}

/** Fires on valid certificates past a warning or critical threshold of their level (by effective expiry). */
export const expiringSoon: Rule = {
  id: 'expiring_soon',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, now, policy, all } = ctx;
    const { notBefore, notAfter } = cert.facts;
    const end = cert.chain.effectiveNotAfter;
    // notAfter itself is still valid (RFC 5280): at that instant the certificate has 0 left.
    if (end.getTime() < now.getTime() || notBefore.getTime() > now.getTime()) return [];
    if (successorOf(ctx)) return [];
    const issuer = limitingIssuer(cert, all);
    const lifetimeDays = Math.max(daysBetween(notBefore, notAfter), 1e-9);
    const leftDays = daysBetween(now, end);
    const timing = { leftDays, lifetimeDays, fractionLeft: leftDays / lifetimeDays };
    const verdict =
      thresholdClass(cert) === 'leaf'
        ? leafVerdict(cert, timing, policy, issuer !== undefined)
        : caVerdict(cert, timing, policy);
    if (!verdict) return [];
    const own = `${describe(cert)} at ${where(cert)} expires on ${messageDate(cert, notAfter, now)}`;
    const when = `(in ${span(leftDays)}, ${percent(timing.fractionLeft)} of its ${span(lifetimeDays)} lifetime left)`;
    const text = issuer
      ? `${describe(cert)} at ${where(cert)} is valid until ${messageDate(cert, notAfter, now)}, but its chain ends on ${messageDate(cert, end, now)} with ${describe(issuer)} ${when}`
      : `${own} ${when}`;
    return [
      finding(
        cert,
        verdict.severity,
        'expiring_soon',
        `${text}; ${verdict.why}.`,
        issuer
          ? `Rotate ${describe(issuer)} first (this certificate stops verifying with it), then re-issue under the new one.`
          : replaceStep({ role: cert.role, level: cert.level, where: where(cert) }),
      ),
    ];
  },
};

// A self-signed certificate that is no CA and signs nothing is a serving certificate, not a root.
function thresholdClass(cert: CertView): 'root' | 'intermediate' | 'leaf' {
  if (cert.level === 'root' && !cert.facts.isCA && cert.chain.signs.length === 0) return 'leaf';
  return cert.level;
}

function caVerdict(
  cert: CertView,
  t: Timing,
  policy: RiskPolicy,
): { severity: Severity; why: string } | undefined {
  const base: CaThresholds = cert.level === 'root' ? policy.root : policy.intermediate;
  const warningDays = linkerdIdentityRole(cert)
    ? Math.max(base.warningDays, policy.linkerd.warningDays)
    : base.warningDays;
  const label = cert.level === 'root' ? 'an anchor' : 'an intermediate';
  if (t.leftDays < base.criticalDays)
    return {
      severity: 'critical',
      why: `${label} needs at least ${base.criticalDays} days to rotate safely`,
    };
  if (t.leftDays < warningDays)
    return { severity: 'warning', why: `plan the rotation: ${label} should have ${warningDays}+ days left` };
  if (t.fractionLeft < base.warningFraction)
    return {
      severity: 'warning',
      why: `plan the rotation: less than ${percent(base.warningFraction)} of its lifetime remains`,
    };
  return undefined;
}

function leafVerdict(
  cert: CertView,
  t: Timing,
  policy: RiskPolicy,
  limitedByIssuer: boolean,
): { severity: Severity; why: string } | undefined {
  const { leaf } = policy;
  const critical = t.fractionLeft < leaf.criticalFraction || t.leftDays * 24 < leaf.criticalHours;
  if (critical && limitedByIssuer) return { severity: 'critical', why: 'it stops verifying then' };
  if (critical)
    return { severity: 'critical', why: 'it should have been renewed long ago; renewal is failing' };
  // Its own rotation point says nothing about an issuer that ends first.
  if (limitedByIssuer) return undefined;
  const rotation = (cert.mesh ? leaf.rotationPoint[cert.mesh] : undefined) ?? leaf.rotationPoint.default;
  const elapsed = 1 - t.fractionLeft;
  if (elapsed > rotation + leaf.rotationGraceFraction) {
    const due = new Date(cert.facts.notBefore.getTime() + rotation * t.lifetimeDays * DAY_MS);
    return {
      severity: 'warning',
      why: `rotation is overdue: it should have been renewed at ${percent(rotation)} of its lifetime (${formatMinute(due)})`,
    };
  }
  return undefined;
}

function span(days: number): string {
  if (days >= 2) return `${Math.floor(days)} days`;
  const hours = days * 24;
  return hours >= 2 ? `${Math.floor(hours)} hours` : `${Math.max(0, Math.floor(hours * 60))} minutes`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
