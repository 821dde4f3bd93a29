/**
 * `private_ca_not_active`: an AWS Private CA the cluster issues from is not ACTIVE. EXPIRED,
 * DISABLED, FAILED and DELETED CAs issue nothing (critical); PENDING_CERTIFICATE and CREATING
 * ones have no CA certificate installed yet (warning). AWS sends no event for any of these.
 */
import type { Finding, Severity } from '../model';
import type { PrivateCaStatusSignal } from '../signals';
import type { CrossSourceRule } from './context';

const WAITING = new Set(['PENDING_CERTIFICATE', 'CREATING']);

const STEP: Readonly<Record<string, string>> = {
  EXPIRED:
    'Install a new CA certificate (aws acm-pca get-certificate-authority-csr, have the parent sign it, aws acm-pca import-certificate-authority-certificate), then re-issue the in-cluster CAs under it.',
  DISABLED:
    'Re-enable the CA if it is still in use: aws acm-pca update-certificate-authority --status ACTIVE.',
  DELETED:
    'The CA is scheduled for deletion: restore it (aws acm-pca restore-certificate-authority) or move the issuers to another CA.',
  PENDING_CERTIFICATE:
    'Install the CA certificate: aws acm-pca get-certificate-authority-csr, sign it, aws acm-pca import-certificate-authority-certificate.',
};

/** The rule. */
export const privateCaNotActive: CrossSourceRule = {
  id: 'private_ca_not_active',
  evaluate({ signals }) {
    return signals
      .filter((s): s is PrivateCaStatusSignal => s.type === 'private-ca-status' && s.status !== 'ACTIVE')
      .map((s): Finding => {
        const severity: Severity = WAITING.has(s.status) ? 'warning' : 'critical';
        const type = s.caType ? ` ${s.caType.toLowerCase()}` : '';
        return {
          severity,
          rule: 'private_ca_not_active',
          source: s.source,
          message: `AWS Private CA${type} ${s.arn} is ${s.status}: it issues no certificates${WAITING.has(s.status) ? ' until a CA certificate is installed' : ''}.`,
          remediation:
            STEP[s.status] ??
            'Check the CA in the AWS Private CA console (aws acm-pca describe-certificate-authority).',
        };
      });
  },
};
