/**
 * `workload_certificate_expiring`: workload expiry read from proxy metrics (no certificate bytes),
 * judged with the leaf thresholds: expired, or less than `leaf.criticalHours` left, is critical.
 */
import { formatMinute } from '../format-date';
import type { Finding } from '../model';
import type { WorkloadExpirySignal } from '../signals';
import { HOUR_MS } from '../time';
import { type CrossSourceRule, describeLocation } from './context';

const STEP: Readonly<Record<string, string>> = {
  istio:
    'Workload certificates rotate on their own: check the pod reaches istiod (istioctl proxy-status), then restart the pod.',
  linkerd:
    'Proxy certificates rotate on their own: check the linkerd-identity logs and the issuer, then restart the pod.',
};

/** The rule. */
export const workloadExpiry: CrossSourceRule = {
  id: 'workload_certificate_expiring',
  evaluate({ signals, now, policy }) {
    const workloads = signals.filter((s): s is WorkloadExpirySignal => s.type === 'workload-expiry');
    return workloads.flatMap((w): Finding[] => {
      const hoursLeft = (w.expiresAtEpochSeconds * 1000 - now.getTime()) / HOUR_MS;
      if (hoursLeft >= policy.leaf.criticalHours) return [];
      const expired = hoursLeft <= 0;
      const when = formatMinute(new Date(w.expiresAtEpochSeconds * 1000));
      return [
        {
          severity: 'critical',
          rule: expired ? 'workload_certificate_expired' : 'workload_certificate_expiring',
          source: w.source,
          message: `${w.mesh} workload certificate of ${describeLocation(w.source)} ${expired ? 'expired' : 'expires'} ${when} (${w.metric})`,
          remediation:
            STEP[w.mesh] ?? 'Restart the workload so it requests a fresh certificate, and check its CA.',
        },
      ];
    });
  },
};
