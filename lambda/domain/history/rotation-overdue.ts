/**
 * Rule `rotation_overdue`: a workload or cert-manager certificate past its rotation point (plus
 * grace) that a LATER scan still finds with the same fingerprint. Needs history, hence lives here.
 */
import { formatMinute } from '../format-date';
import type { Finding } from '../model';
import type { ObservationRecord } from './records';
import { rotationGraceMs, rotationPoint } from './rotation-point';

const REMEDIATION: Readonly<Record<string, string>> = {
  'cert-manager':
    'Run `kubectl describe certificate` for the Certificate writing this Secret and check the cert-manager controller logs; `cmctl renew` forces a renewal.',
  istio:
    'Check istiod and the istio-proxy logs of the pods using it; restarting the pod forces a new certificate.',
  linkerd:
    'Check the linkerd-identity logs and run `linkerd check --proxy`; restarting the pod forces a new certificate.',
  spire: 'Check the SPIRE agent on the node serving this workload and its connection to the SPIRE server.',
};

/** One warning per certificate that should have rotated and was still seen after that point. */
export function rotationOverdue(observations: readonly ObservationRecord[], now: Date): Finding[] {
  const findings: Finding[] = [];
  for (const o of observations) {
    const point = rotationPoint(o);
    if (!point) continue;
    const due = point.getTime() + rotationGraceMs(o);
    const seenBefore = Date.parse(o.firstSeenAt) < now.getTime();
    if (now.getTime() <= due || !seenBefore || Date.parse(o.notAfter) <= now.getTime()) continue;
    const mesh = o.renewalTime ? 'cert-manager' : (o.mesh ?? '');
    findings.push({
      severity: 'warning',
      rule: 'rotation_overdue',
      fingerprint: o.fingerprint,
      ...(o.sources[0] ? { source: o.sources[0] } : {}),
      message: `${o.subject || o.fingerprint.slice(0, 12)} (${o.role}) should have been rotated by ${formatMinute(point)} and is still in use; it expires ${formatMinute(o.notAfter)}.`,
      remediation:
        REMEDIATION[mesh] ?? 'Find the component that renews this certificate and check why it has not.',
    });
  }
  return findings;
}
