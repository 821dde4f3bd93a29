/**
 * The digest's action for a certificate a cert-manager Certificate renews: the concrete kubectl and
 * cmctl commands for that Certificate, by what is coming (renewal planned, overdue, expiry). Pure.
 */
import type { DigestCertManagerRef } from './digest-input';
import type { DueKind } from './select-due';

/** The next step for `ref`, given what is due for its certificate. */
export function certManagerAction(kind: DueKind, ref: DigestCertManagerRef): string {
  const ns = ref.namespace;
  const describe = `kubectl describe certificate -n ${ns} ${ref.name}`;
  const renew = `cmctl renew -n ${ns} ${ref.name}`;
  const requests = `kubectl get certificaterequests -n ${ns}`;
  const issuer = ref.issuer ? ` (${ref.issuer})` : '';
  const notReady = ref.ready ? '' : `It is not Ready${ref.readyReason ? ` (${ref.readyReason})` : ''}. `;
  switch (kind) {
    case 'renews':
      return ref.ready
        ? `None: cert-manager renews it then. If it does not: ${describe}.`
        : `${notReady}Fix it before the renewal: ${describe}; ${requests}.`;
    case 'renewal_overdue':
      return `${notReady}Find why renewal stalls: ${describe}; ${requests}; check the issuer${issuer}. Then ${renew}.`;
    case 'rotation_planned':
    case 'expires':
      return `${notReady}No renewal is planned before expiry: ${describe}, fix the issuer${issuer}, then ${renew}.`;
    case 'expired':
      return `${notReady}Expired and not renewed: ${describe}; ${requests}; fix the issuer${issuer}, then ${renew}.`;
  }
}
