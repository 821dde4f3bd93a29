/**
 * Chooses a certificate's best path to a trust anchor among every path the verified issuer links
 * allow, judging each path as RFC 5280 §6.1 (and `openssl verify`) would: every issuer may act as
 * a CA, no pathLenConstraint is exceeded, every certificate is valid at `now` (notBefore and
 * notAfter inclusive). Pure and synchronous; ties are broken by fingerprints so input order never
 * matters.
 */
import type { CertificateFacts } from '../model';
import type { CaProfile } from './ca-profile';
import { cmp, type IssuerLinks } from './link-issuers';

/** Everything path selection needs to know about the material. */
export interface PathContext {
  readonly now: Date;
  readonly facts: ReadonlyMap<string, CertificateFacts>;
  readonly links: ReadonlyMap<string, IssuerLinks>;
  readonly profiles: ReadonlyMap<string, CaProfile>;
  /** Fingerprints whose subject name equals their issuer name (self-issued, RFC 5280 §6.1.4 (l)). */
  readonly selfIssued: ReadonlySet<string>;
  /** Fingerprints that came in a trust bundle (anchors even when not self-signed). */
  readonly bundled: ReadonlySet<string>;
  /** Fingerprints the caller trusts; when non-empty, paths through one of them win. */
  readonly trusted: ReadonlySet<string>;
}

/** A constraint a path breaks: the certificate at fault and the reason, for findings. */
export interface PathViolation {
  readonly constraint: 'ca' | 'path_length';
  /** Fingerprint of the issuer that may not sign here. */
  readonly at: string;
  readonly why: string;
}

/** The path chosen for one certificate, itself first. */
export interface ChosenPath {
  readonly path: readonly string[];
  /** Ends at a self-signed certificate, or at a trust-bundle member with no issuer above it. */
  readonly anchored: boolean;
  /** Passes through a trusted certificate (always false when nothing is trusted). */
  readonly trusted: boolean;
  readonly allValid: boolean;
  /** The first constraint the path breaks; undefined when it keeps them all. */
  readonly violation?: PathViolation;
  readonly effectiveNotAfter: Date;
}

const MAX_DEPTH = 16;
const MAX_PATHS = 256;

/** Best path for `fingerprint`: trusted, anchored, within constraints, valid now, latest effective expiry. */
export function bestPath(fingerprint: string, ctx: PathContext): ChosenPath {
  const candidates = enumerate([fingerprint], ctx, []).map((path) => describe(path, ctx));
  candidates.sort(compareCandidates);
  return candidates[0]!;
}

function enumerate(path: string[], ctx: PathContext, out: string[][]): string[][] {
  const top = path[path.length - 1]!;
  const next = (ctx.links.get(top)?.issuers ?? []).filter((fp) => !path.includes(fp));
  if (next.length === 0 || path.length >= MAX_DEPTH) {
    out.push(path);
    return out;
  }
  for (const fp of next) {
    if (out.length >= MAX_PATHS) break;
    enumerate([...path, fp], ctx, out);
  }
  return out;
}

function describe(path: string[], ctx: PathContext): ChosenPath {
  const top = path[path.length - 1]!;
  const certs = path.map((fp) => ctx.facts.get(fp)!);
  const now = ctx.now.getTime();
  let effective = certs[0]!.notAfter;
  for (const c of certs) if (c.notAfter.getTime() < effective.getTime()) effective = c.notAfter;
  const anchored = ctx.links.get(top)?.selfSigned === true || ctx.bundled.has(top);
  const violation = firstViolation(path, anchored, ctx);
  return {
    path,
    anchored,
    trusted: path.some((fp) => ctx.trusted.has(fp)),
    allValid: certs.every((c) => c.notBefore.getTime() <= now && now <= c.notAfter.getTime()),
    ...(violation && { violation }),
    effectiveNotAfter: effective,
  };
}

// RFC 5280 §6.1.4 (k), (l), (m), as openssl's check_chain_extensions counts: the issuer at
// position i may have at most pathLen non-self-issued intermediates between it and the child.
function firstViolation(path: string[], anchored: boolean, ctx: PathContext): PathViolation | undefined {
  let intermediates = 0;
  for (let i = 1; i < path.length; i++) {
    const fp = path[i]!;
    const profile = ctx.profiles.get(fp);
    const anchor = anchored && i === path.length - 1;
    if (profile && profile.kind !== 'ca' && !(anchor && profile.kind === 'anchor-only'))
      return { constraint: 'ca', at: fp, why: profile.why };
    const pathLen = ctx.facts.get(fp)!.pathLen;
    if (pathLen !== undefined && intermediates > pathLen) {
      const count = `${intermediates} intermediate${intermediates === 1 ? '' : 's'}`;
      return { constraint: 'path_length', at: fp, why: `its pathLen is ${pathLen} but ${count} follow it` };
    }
    if (!ctx.selfIssued.has(fp)) intermediates += 1;
  }
  return undefined;
}

function compareCandidates(a: ChosenPath, b: ChosenPath): number {
  return (
    flag(b.trusted) - flag(a.trusted) ||
    flag(b.anchored) - flag(a.anchored) ||
    flag(!b.violation) - flag(!a.violation) ||
    flag(b.allValid) - flag(a.allValid) ||
    b.effectiveNotAfter.getTime() - a.effectiveNotAfter.getTime() ||
    a.path.length - b.path.length ||
    cmp(a.path.join('/'), b.path.join('/'))
  );
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}
