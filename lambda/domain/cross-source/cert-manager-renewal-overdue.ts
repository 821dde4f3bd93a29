/**
 * `cert_manager_renewal_overdue`: a Certificate past its status.renewalTime whose certificate was
 * not renewed (cert-manager moves renewalTime forward on every successful renewal).
 */
import { formatMinute } from '../format-date';
import type { Finding } from '../model';
import type { CertManagerCertificateSignal } from '../signals';
import { HOUR_MS } from '../time';
import { type CrossSourceRule, describeLocation } from './context';

/** The rule: critical, since the certificate is inside its renewal window and nothing happens. */
export const certManagerRenewalOverdue: CrossSourceRule = {
  id: 'cert_manager_renewal_overdue',
  evaluate({ signals, now }) {
    const certs = signals.filter(
      (s): s is CertManagerCertificateSignal => s.type === 'cert-manager-certificate',
    );
    return certs
      .filter((c) => c.renewalTime !== undefined && Date.parse(c.renewalTime) < now.getTime())
      .map((c): Finding => {
        const hours = Math.floor((now.getTime() - Date.parse(c.renewalTime!)) / HOUR_MS);
        return {
          severity: 'critical',
          rule: 'cert_manager_renewal_overdue',
          source: c.source,
          message: `${describeLocation(c.source)} should have been renewed at ${formatMinute(c.renewalTime!)} (${hours} h ago) and was not; it expires ${c.notAfter ? formatMinute(c.notAfter) : 'at an unknown time'}`,
          remediation: `Find why renewal stalls (kubectl get certificaterequests -n ${c.source.namespace ?? 'default'}; cert-manager controller logs), fix the issuer, then cmctl renew -n ${c.source.namespace ?? 'default'} ${c.source.name}.`,
        };
      });
  },
};
