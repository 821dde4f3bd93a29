/**
 * `cert_manager_secret_mismatch`: the certificate in a Certificate's Secret is not the one its
 * status describes (notAfter differs), so the status — and every status-based judgement — is
 * about something workloads do not serve. `cert_manager_secret_unreadable`: the Secret's tls.crt
 * does not parse; a Ready Certificate then serves garbage.
 */
import { secretCertificate, secretParseError } from '../cert-manager/secret-certificate';
import { formatMinute } from '../format-date';
import type { Finding } from '../model';
import type { CertManagerCertificateSignal } from '../signals';
import { type CrossSourceRule, describeLocation } from './context';

/** Seconds of difference tolerated (status times are whole seconds, like the certificate's). */
const TOLERANCE_MS = 1000;

/** The rule. */
export const certManagerSecret: CrossSourceRule = {
  id: 'cert_manager_secret',
  evaluate({ assessment, signals, now }) {
    const certs = signals.filter(
      (s): s is CertManagerCertificateSignal => s.type === 'cert-manager-certificate',
    );
    return certs.flatMap((signal): Finding[] => {
      const where = `${describeLocation(signal.source)} (Secret ${signal.source.namespace ?? 'default'}/${signal.secretName})`;
      const fix = `Re-issue it: cmctl renew -n ${signal.source.namespace ?? 'default'} ${signal.source.name} (or delete the Secret so cert-manager writes it again).`;
      const held = secretCertificate(assessment, signal);
      if (held) {
        const statusNotAfter = signal.notAfter ? Date.parse(signal.notAfter) : Number.NaN;
        if (!Number.isFinite(statusNotAfter)) return [];
        if (Math.abs(held.facts.notAfter.getTime() - statusNotAfter) <= TOLERANCE_MS) return [];
        const expired = held.facts.notAfter.getTime() <= now.getTime();
        return [
          {
            severity: expired ? 'critical' : 'warning',
            rule: 'cert_manager_secret_mismatch',
            fingerprint: held.facts.fingerprint,
            source: signal.source,
            message: `${where}: the Secret holds a certificate valid until ${formatMinute(held.facts.notAfter)}, but the status says ${formatMinute(signal.notAfter!)}`,
            remediation: fix,
          },
        ];
      }
      const error = secretParseError(assessment, signal);
      if (!error) return [];
      return [
        {
          severity: signal.ready ? 'critical' : 'warning',
          rule: 'cert_manager_secret_unreadable',
          source: signal.source,
          message: `${where}${signal.ready ? ' is Ready but' : ''}: its tls.crt is not a certificate (${error.reason}: ${error.detail})`,
          remediation: fix,
        },
      ];
    });
  },
};
