/**
 * The concrete next step for a certificate that must be replaced, by mesh role. Pure strings.
 */
import type { CertView } from './rule';
import { where } from './rule';

const BY_ROLE: Readonly<Record<string, string>> = {
  'istio-root':
    'Rotate the Istio root: add the new root next to the old one in cacerts root-cert.pem (or let the self-signed CA rotate it), restart istiod, wait for workloads to pick up the combined bundle, then switch signing to the new root.',
  'istio-intermediate':
    "Re-issue istiod's signing certificate from the root, update the cacerts Secret (ca-cert.pem, ca-key.pem, cert-chain.pem; keep root-cert.pem) and restart istiod.",
  'istio-workload':
    'Workload certificates rotate on their own: check that istiod is reachable from the proxy (istioctl proxy-status) and restart the pod if its certificate is stuck.',
  'linkerd-trust-anchor':
    'Rotate the Linkerd trust anchor: create a new anchor, bundle it with the current one (linkerd upgrade --identity-trust-anchors-file), restart the proxies, then re-issue the issuer from the new anchor.',
  'linkerd-issuer':
    'Re-issue the Linkerd issuer from the trust anchor (step certificate create identity.linkerd.cluster.local issuer.crt issuer.key --profile intermediate-ca --ca ca.crt --ca-key ca.key) and apply it with linkerd upgrade --identity-issuer-certificate-file, or renew it through cert-manager.',
  'linkerd-workload':
    'Proxy certificates rotate on their own: check the linkerd-identity logs and restart the pod if its certificate is stuck.',
  'consul-root':
    'Rotate the Connect CA root (consul connect ca set-config with a new root); Consul cross-signs so services keep working during the switch.',
  'consul-intermediate':
    'Check the Connect CA provider (Vault / AWS PCA / built-in) and let Consul re-generate the intermediate.',
  'cert-manager-ca':
    'Renew the CA certificate (cmctl renew <certificate>) or replace the CA Secret, then re-issue what it signed.',
  'webhook-ca':
    'Re-issue the webhook serving certificate and update the caBundle of the webhook configuration.',
};

/** Next step to replace `view`'s certificate before it breaks something. */
export function replaceStep(view: CertView): string {
  const known = BY_ROLE[view.role];
  if (known) return known;
  if (view.level === 'root')
    return `Create a new root, distribute it next to the old one wherever ${where(view)} is trusted, then re-issue the intermediates from it.`;
  if (view.level === 'intermediate')
    return `Re-issue this intermediate from its root and replace it at ${where(view)}, then re-issue what it signs.`;
  return `Issue a replacement certificate and deploy it at ${where(view)}.`;
}
