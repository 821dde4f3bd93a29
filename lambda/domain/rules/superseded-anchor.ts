/**
 * `superseded_anchor` (info): an expired or older anchor kept next to a valid successor of the
 * same CA — a newer root with the same subject name, one cross-signed with it, or one naming the
 * same SPIFFE trust domain (Consul and SPIRE give each new root a new name but keep the trust
 * domain, `spiffe://<trust domain>`, in its URI SAN). How the bundle
 * arrived (a file, --trust-bundle, a ConfigMap) does not matter; an unrelated root never
 * supersedes another. Rotation leaves these behind on purpose; it is not an outage, so `expired` and
 * `expiring_soon` stay quiet for them (the false positive every certificate exporter has) and this
 * info finding, which says when it expires and who succeeds it, is all the anchor gets.
 */

import { subjectNameKey } from '../chain';
import type { Finding } from '../model';
import { type CertView, describe, finding, messageDate, type Rule, type RuleContext, where } from './rule';

/** The valid anchor that replaces `ctx.cert`, when `ctx.cert` is a superseded anchor nothing depends on. */
export function successorOf(ctx: RuleContext): CertView | undefined {
  const { cert, all, now } = ctx;
  if (cert.level !== 'root') return undefined;
  const index = caIndex(all);
  let best: CertView | undefined;
  for (const other of all.values()) {
    if (other === cert || other.level !== 'root' || !validAt(other, now)) continue;
    if (other.facts.notAfter.getTime() <= cert.facts.notAfter.getTime()) continue;
    if (!sameCa(cert, other, index)) continue;
    if (!best || later(other, best)) best = other;
  }
  if (!best) return undefined;
  // Still anchoring something other than the successor's own cross-signed copy: not superseded.
  const fp = cert.facts.fingerprint;
  const successorName = index.names.get(best.facts.fingerprint);
  for (const other of all.values()) {
    if (other === cert || index.names.get(other.facts.fingerprint) === successorName) continue;
    if (other.chain.path.includes(fp)) return undefined;
  }
  return best;
}

interface CaIndex {
  /** Fingerprint → subject name key. */
  readonly names: ReadonlyMap<string, string>;
  /** `subject name key>issuer fingerprint` for every verified link. */
  readonly signed: ReadonlySet<string>;
}

// Built once per set of certificates (the rules see the same `all` map for every certificate).
const indexes = new WeakMap<ReadonlyMap<string, CertView>, CaIndex>();

function caIndex(all: ReadonlyMap<string, CertView>): CaIndex {
  let index = indexes.get(all);
  if (!index) {
    const cache = new Map<string, string>();
    const names = new Map<string, string>();
    const signed = new Set<string>();
    for (const view of all.values()) {
      const name = subjectNameKey(view.facts, cache);
      names.set(view.facts.fingerprint, name);
      for (const issuer of view.chain.issuers) signed.add(`${name}>${issuer}`);
    }
    index = { names, signed };
    indexes.set(all, index);
  }
  return index;
}

// Same subject (as RFC 5280 compares names), a certificate in view carries one root's name and
// was signed by the other (a cross-sign, the usual bridge when a CA is renamed on rotation), or
// both roots are the CA of one SPIFFE trust domain.
function sameCa(a: CertView, b: CertView, index: CaIndex): boolean {
  const nameA = index.names.get(a.facts.fingerprint);
  const nameB = index.names.get(b.facts.fingerprint);
  return (
    nameA === nameB ||
    index.signed.has(`${nameA}>${b.facts.fingerprint}`) ||
    index.signed.has(`${nameB}>${a.facts.fingerprint}`) ||
    sameTrustDomain(a, b)
  );
}

/** A trust domain's CA carries the bare domain ID, `spiffe://<domain>` (no path). */
function sameTrustDomain(a: CertView, b: CertView): boolean {
  const domains = new Set(a.facts.spiffeIds.map(trustDomainId).filter((d) => d !== undefined));
  return b.facts.spiffeIds.some((id) => {
    const d = trustDomainId(id);
    return d !== undefined && domains.has(d);
  });
}

function trustDomainId(id: string): string | undefined {
  const m = /^spiffe:\/\/([^/]+)\/?$/i.exec(id);
  return m ? m[1]!.toLowerCase() : undefined;
}

function validAt(view: CertView, now: Date): boolean {
  return view.facts.notBefore.getTime() <= now.getTime() && now.getTime() <= view.facts.notAfter.getTime();
}

function later(a: CertView, b: CertView): boolean {
  const d = a.facts.notAfter.getTime() - b.facts.notAfter.getTime();
  return d > 0 || (d === 0 && a.facts.fingerprint < b.facts.fingerprint);
}

/** Reports a superseded anchor as information. */
export const supersededAnchor: Rule = {
  id: 'superseded_anchor',
  evaluate(ctx: RuleContext): Finding[] {
    const successor = successorOf(ctx);
    if (!successor) return [];
    const { cert, now } = ctx;
    const end = messageDate(cert, cert.facts.notAfter, now);
    const state = cert.facts.notAfter < now ? `expired on ${end}` : `expires on ${end}`;
    return [
      finding(
        cert,
        'info',
        'superseded_anchor',
        `${describe(cert)} at ${where(cert)} ${state} and has been superseded by ${describe(successor)} (valid until ${messageDate(successor, successor.facts.notAfter, now)}); no certificate in view chains to it any more.`,
        'Nothing breaks: once every workload trusts the successor, remove the old anchor from the bundle to keep it tidy.',
      ),
    ];
  },
};
