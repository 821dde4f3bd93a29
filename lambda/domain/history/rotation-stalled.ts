/**
 * Rule `rotation_stalled`: a certificate was replaced at one source, yet another source still holds
 * the old one without the new one (e.g. a namespace's istio-ca-root-cert after a root rotation).
 */
import type { Finding } from '../model';
import { sourceKey } from '../model';
import { HOUR_MS } from '../time';
import type { ObservationRecord } from './records';

/** How long copies may lag behind a rotation before certwatch says so. */
export const DEFAULT_STALL_GRACE_MS = HOUR_MS;

/** One warning per source that kept a superseded certificate past the grace period. */
export function rotationStalled(
  observations: readonly ObservationRecord[],
  now: Date,
  graceMs = DEFAULT_STALL_GRACE_MS,
): Finding[] {
  const byFingerprint = new Map(observations.map((o) => [o.fingerprint, o]));
  const findings: Finding[] = [];
  for (const o of observations) {
    if (!o.supersededBy || !o.supersededAt) continue;
    if (now.getTime() - Date.parse(o.supersededAt) < graceMs) continue;
    const replacement = byFingerprint.get(o.supersededBy);
    const hasNew = new Set((replacement?.sources ?? []).map(sourceKey));
    for (const source of o.sources) {
      if (hasNew.has(sourceKey(source))) continue;
      findings.push({
        severity: 'warning',
        rule: 'rotation_stalled',
        fingerprint: o.fingerprint,
        source,
        message: `${sourceKey(source)} still holds ${o.subject || o.fingerprint.slice(0, 12)} (${o.role}), replaced by ${o.supersededBy.slice(0, 12)} at ${o.supersededAt}.`,
        remediation:
          'Update this copy to the new certificate: restart or resync the component that writes it (istiod for istio-ca-root-cert, the trust-manager Bundle, or the webhook’s caBundle injector).',
      });
    }
  }
  return findings;
}
