/**
 * Chooses a certificate's best path to a trust anchor among every path the verified issuer links
 * allow. Pure and synchronous; ties are broken by fingerprints so input order never matters.
 */
import type { CertificateFacts } from '../model';
import { cmp, type IssuerLinks } from './link-issuers';

/** Everything path selection needs to know about the material. */
export interface PathContext {
  readonly now: Date;
  readonly facts: ReadonlyMap<string, CertificateFacts>;
  readonly links: ReadonlyMap<string, IssuerLinks>;
  /** Fingerprints that came in a trust bundle (anchors even when not self-signed). */
  readonly bundled: ReadonlySet<string>;
  /** Fingerprints the caller trusts; when non-empty, paths through one of them win. */
  readonly trusted: ReadonlySet<string>;
}

/** The path chosen for one certificate, itself first. */
export interface ChosenPath {
  readonly path: readonly string[];
  /** Ends at a self-signed certificate, or at a trust-bundle member with no issuer above it. */
  readonly anchored: boolean;
  /** Passes through a trusted certificate (always false when nothing is trusted). */
  readonly trusted: boolean;
  readonly allValid: boolean;
  readonly effectiveNotAfter: Date;
}

const MAX_DEPTH = 16;
const MAX_PATHS = 256;

/** Best path for `fingerprint`: trusted, then anchored, then valid now, then latest effective expiry. */
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
  return {
    path,
    anchored: ctx.links.get(top)?.selfSigned === true || ctx.bundled.has(top),
    trusted: path.some((fp) => ctx.trusted.has(fp)),
    allValid: certs.every((c) => c.notBefore.getTime() <= now && now <= c.notAfter.getTime()),
    effectiveNotAfter: effective,
  };
}

function compareCandidates(a: ChosenPath, b: ChosenPath): number {
  return (
    flag(b.trusted) - flag(a.trusted) ||
    flag(b.anchored) - flag(a.anchored) ||
    flag(b.allValid) - flag(a.allValid) ||
    b.effectiveNotAfter.getTime() - a.effectiveNotAfter.getTime() ||
    a.path.length - b.path.length ||
    cmp(a.path.join('/'), b.path.join('/'))
  );
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}
