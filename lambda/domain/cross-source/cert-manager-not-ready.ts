/** `cert_manager_not_ready`: a cert-manager Certificate whose Ready condition is not True. */
import { formatMinute } from '../format-date';
import type { Finding } from '../model';
import type { CertManagerCertificateSignal } from '../signals';
import { type CrossSourceRule, describeLocation } from './context';

/** The rule: warning; critical once the current certificate (status.notAfter) has expired. */
export const certManagerNotReady: CrossSourceRule = {
  id: 'cert_manager_not_ready',
  evaluate({ signals, now }) {
    const certs = signals.filter(
      (s): s is CertManagerCertificateSignal => s.type === 'cert-manager-certificate',
    );
    return certs
      .filter((c) => !c.ready)
      .map((c): Finding => {
        const expired = c.notAfter !== undefined && Date.parse(c.notAfter) <= now.getTime();
        const why = [c.readyReason, c.readyMessage].filter(Boolean).join(': ') || 'no Ready condition';
        const attempts = c.failedIssuanceAttempts
          ? `, ${c.failedIssuanceAttempts} failed issuance attempts`
          : '';
        return {
          severity: expired ? 'critical' : 'warning',
          rule: 'cert_manager_not_ready',
          source: c.source,
          message: `${describeLocation(c.source)} is not Ready (${why}${attempts})${expired ? `; its certificate expired ${formatMinute(c.notAfter!)}` : ''}`,
          remediation: `Inspect it (kubectl describe certificate -n ${c.source.namespace ?? 'default'} ${c.source.name}; cmctl status certificate) and fix the issuer ${c.issuerRef?.name ?? ''} it reports; cmctl renew retries at once.`,
        };
      });
  },
};
