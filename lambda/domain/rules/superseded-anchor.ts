/**
 * `superseded_anchor` (info): an expired or older anchor kept in a trust bundle next to a valid
 * successor. Rotation leaves these behind on purpose; it is not an outage, so `expired` and
 * `expiring_soon` stay quiet for them (the false positive every certificate exporter has) and this
 * info finding, which says when it expires and who succeeds it, is all the anchor gets.
 */
import type { Finding } from '../model';
import { type CertView, describe, finding, messageDate, type Rule, type RuleContext, where } from './rule';

/** The valid anchor that replaces `ctx.cert`, when `ctx.cert` is a superseded anchor nothing depends on. */
export function successorOf(ctx: RuleContext): CertView | undefined {
  const { cert, all, now } = ctx;
  if (cert.level !== 'root') return undefined;
  const fp = cert.facts.fingerprint;
  for (const other of all.values()) {
    if (other !== cert && other.chain.path.includes(fp)) return undefined; // still anchors something
  }
  let best: CertView | undefined;
  for (const other of all.values()) {
    if (other === cert || other.level !== 'root' || !validAt(other, now)) continue;
    if (other.facts.notAfter.getTime() <= cert.facts.notAfter.getTime()) continue;
    const sameName = other.facts.subjectKey === cert.facts.subjectKey;
    const sameBundle = cert.bundles.some((b) => other.bundles.includes(b));
    if (!sameName && !sameBundle) continue;
    if (!best || later(other, best)) best = other;
  }
  return best;
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
