/**
 * `ca_issuer_expired_but_ready`: cert-manager's CA issuer checks only that its key pair loads, so
 * an expired CA still reports Ready=True while every certificate it signs is born broken.
 */
import { formatMinute } from '../format-date';
import type { Finding } from '../model';
import type { CaIssuerSignal, CertManagerCertificateSignal } from '../signals';
import { type CrossSourceRule, describeLocation } from './context';

/** notAfter of the issuer's CA: from the Secret's tls.crt, else the status of the Certificate writing it. */
function caNotAfter(
  input: Parameters<CrossSourceRule['evaluate']>[0],
  issuer: CaIssuerSignal,
): Date | undefined {
  const fromSecret = input.assessment.certificates.find((c) =>
    c.sources.some(
      (s) =>
        s.kind === 'Secret' &&
        s.namespace === issuer.secretNamespace &&
        s.name === issuer.secretName &&
        s.key === 'tls.crt',
    ),
  );
  if (fromSecret) return fromSecret.facts.notAfter;
  const writer = input.signals.find(
    (s): s is CertManagerCertificateSignal =>
      s.type === 'cert-manager-certificate' &&
      s.secretName === issuer.secretName &&
      s.source.namespace === issuer.secretNamespace &&
      s.notAfter !== undefined,
  );
  return writer ? new Date(Date.parse(writer.notAfter!)) : undefined;
}

/** The rule. */
export const caIssuerExpired: CrossSourceRule = {
  id: 'ca_issuer_expired_but_ready',
  evaluate(input) {
    const issuers = input.signals.filter((s): s is CaIssuerSignal => s.type === 'ca-issuer' && s.ready);
    return issuers.flatMap((issuer): Finding[] => {
      const notAfter = caNotAfter(input, issuer);
      if (!notAfter || notAfter.getTime() > input.now.getTime()) return [];
      return [
        {
          severity: 'critical',
          rule: 'ca_issuer_expired_but_ready',
          source: issuer.source,
          message: `${describeLocation(issuer.source)} reports Ready but its CA certificate (Secret ${issuer.secretNamespace}/${issuer.secretName}) expired ${formatMinute(notAfter)}: everything it signs fails verification`,
          remediation: `Renew the CA certificate behind Secret ${issuer.secretNamespace}/${issuer.secretName} (cmctl renew, or replace tls.crt/tls.key), then re-issue the certificates this issuer signed.`,
        },
      ];
    });
  },
};
