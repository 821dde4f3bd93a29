/**
 * The shape every risk rule shares: what a rule sees about one certificate and the others, and
 * small helpers to phrase findings. Pure types and functions.
 */
import type { ChainLink } from '../chain';
import { formatDay, formatMinute } from '../format-date';
import type { CertificateFacts, Finding, Level, Mesh, Role, Severity, SourceLocation } from '../model';
import type { RiskPolicy } from '../policy';
import { printable } from '../printable';
import { DAY_MS } from '../time';

/** One certificate as the rules see it. */
export interface CertView {
  readonly facts: CertificateFacts;
  readonly chain: ChainLink;
  readonly level: Level;
  readonly role: Role;
  readonly mesh?: Mesh;
  readonly sources: readonly SourceLocation[];
  /** Keys (see {@link sourceKey}) of the trust bundles this certificate was seen in. */
  readonly bundles: readonly string[];
  /** A trust bundle applies to this certificate, so an untrusted chain is a finding. */
  readonly trustScoped: boolean;
}

/** What a rule is given: one certificate, every certificate by fingerprint, the clock and policy. */
export interface RuleContext {
  readonly now: Date;
  readonly policy: RiskPolicy;
  readonly cert: CertView;
  readonly all: ReadonlyMap<string, CertView>;
}

/** A risk rule: a stable snake_case id and a pure evaluation. */
export interface Rule {
  readonly id: string;
  evaluate(ctx: RuleContext): Finding[];
}

/** Days (fractional) from `from` to `to`. */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** `linkerd-issuer 'CN=identity.linkerd.cluster.local'` — how messages name a certificate. */
export function describe(view: CertView): string {
  const { facts } = view;
  const name =
    facts.subject !== ''
      ? facts.subject
      : (facts.spiffeIds[0] ?? facts.dnsNames[0] ?? `sha256:${facts.fingerprint.slice(0, 16)}`);
  return `${view.role} '${printable(name)}'`;
}

/** Where to look, for messages: the first place the certificate was seen (+ how many more). */
export function where(view: CertView): string {
  const [first] = view.sources;
  if (!first) return 'the input';
  const ns = first.namespace ? `${first.namespace}/` : '';
  const key = first.key ? ` key ${first.key}` : '';
  const more = view.sources.length > 1 ? ` (and ${view.sources.length - 1} more places)` : '';
  return `${first.kind} ${ns}${first.name}${key}${more}`;
}

/** The certificate on `view`'s best path whose notAfter is its effective expiry, when it is not `view`. */
export function limitingIssuer(view: CertView, all: ReadonlyMap<string, CertView>): CertView | undefined {
  const end = view.chain.effectiveNotAfter.getTime();
  if (view.facts.notAfter.getTime() === end) return undefined;
  for (const fp of view.chain.path.slice(1)) {
    const other = all.get(fp);
    if (other && other.facts.notAfter.getTime() === end) return other;
  }
  return undefined;
}

/** A leaf carrying a workload identity (SPIFFE ID or a `*-workload` role): it lives hours or days. */
export function isWorkload(view: CertView): boolean {
  return view.level === 'leaf' && (view.role.endsWith('-workload') || view.facts.spiffeIds.length > 0);
}

/**
 * A date about `view` for messages: to the minute when hours matter (workload certificates, or
 * within a day of `now`), else the UTC day — a CA expiring next year needs no minutes.
 */
export function messageDate(view: CertView, date: Date, now: Date): string {
  const near = Math.abs(daysBetween(now, date)) < 1;
  return near || isWorkload(view) ? formatMinute(date) : formatDay(date);
}

/** Builds a finding about `view`. */
export function finding(
  view: CertView,
  severity: Severity,
  rule: string,
  message: string,
  remediation: string,
): Finding {
  return {
    severity,
    rule,
    fingerprint: view.facts.fingerprint,
    source: view.sources[0],
    message,
    remediation,
  };
}

/** Role belongs to Linkerd's identity control plane (anchor or issuer). */
export function linkerdIdentityRole(view: CertView): 'anchor' | 'issuer' | undefined {
  if (view.role === 'linkerd-trust-anchor') return 'anchor';
  if (view.role === 'linkerd-issuer') return 'issuer';
  return undefined;
}
