/**
 * When a certificate should be replaced: cert-manager's `renewalTime` when known, otherwise the
 * mesh's own policy for workload certificates (Istio and SPIRE at 50 % of lifetime, Linkerd 70 %).
 */

import { DAY_MS } from '../time';
import type { ObservationRecord } from './records';

/** Fraction of the lifetime after which each mesh's agent renews a workload certificate. */
export const WORKLOAD_RENEWAL_FRACTION: Readonly<Record<string, number>> = {
  istio: 0.5,
  spire: 0.5,
  linkerd: 0.7,
};

/** Longest grace after the rotation point before a certificate counts as overdue. */
const MAX_GRACE_MS = DAY_MS;

/** The moment `o` should have been replaced by, or undefined when certwatch cannot know. */
export function rotationPoint(o: ObservationRecord): Date | undefined {
  if (o.renewalTime) return new Date(o.renewalTime);
  if (o.level !== 'leaf' || !o.mesh) return undefined;
  const fraction = WORKLOAD_RENEWAL_FRACTION[o.mesh];
  if (fraction === undefined) return undefined;
  const from = Date.parse(o.notBefore);
  return new Date(from + fraction * (Date.parse(o.notAfter) - from));
}

/** Grace after the rotation point: 10 % of the lifetime, at most a day. */
export function rotationGraceMs(o: ObservationRecord, graceFraction = 0.1): number {
  const lifetime = Date.parse(o.notAfter) - Date.parse(o.notBefore);
  return Math.min(Math.max(0, lifetime * graceFraction), MAX_GRACE_MS);
}
