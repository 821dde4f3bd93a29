/**
 * What to do about a certificate of each mesh role, in two lengths: `short` for the digest (read
 * on a phone, wrapped at 70 characters) and `full` for findings (the procedure with commands).
 * Pure strings.
 */
import type { Role } from '../model';

/** The next step for one role's certificate. */
export interface RoleAction {
  /** One or two sentences for the weekly digest. */
  readonly short: string;
  /** The whole procedure, with the commands to run, for findings. */
  readonly full: string;
}

/** Per-role actions; roles not listed fall back to the level's generic action. */
export const ROLE_ACTIONS: Readonly<Record<Role, RoleAction>> = {
  'istio-root': {
    short:
      'Rotate the Istio plug-in CA by hand: put the new root next to the old in cacerts root-cert.pem, restart istiod, roll workloads, then sign with the new root.',
    full: 'Rotate the Istio root: add the new root next to the old one in cacerts root-cert.pem (or let the self-signed CA rotate it), restart istiod, wait for workloads to pick up the combined bundle, then switch signing to the new root.',
  },
  'istio-intermediate': {
    short:
      'Re-issue the Istio plug-in CA intermediate from the root, update the cacerts Secret (ca-cert, ca-key, cert-chain) and restart istiod.',
    full: "Re-issue istiod's signing certificate from the root, update the cacerts Secret (ca-cert.pem, ca-key.pem, cert-chain.pem; keep root-cert.pem) and restart istiod.",
  },
  'istio-workload': {
    short: 'Check that istiod is reachable from the proxy (istioctl proxy-status); restart the pod if stuck.',
    full: 'Workload certificates rotate on their own: check that istiod is reachable from the proxy (istioctl proxy-status) and restart the pod if its certificate is stuck.',
  },
  'linkerd-trust-anchor': {
    short:
      'Rotate the Linkerd trust anchor by hand: bundle new and old anchors, restart proxies, re-issue the issuer from the new anchor, then drop the old one.',
    full: 'Rotate the Linkerd trust anchor: create a new anchor, bundle it with the current one (linkerd upgrade --identity-trust-anchors-file), restart the proxies, then re-issue the issuer from the new anchor.',
  },
  'linkerd-issuer': {
    short:
      'Re-issue the Linkerd identity issuer from a trust anchor in the bundle and apply it (linkerd upgrade --identity-issuer-certificate-file).',
    full: 'Re-issue the Linkerd issuer from the trust anchor (step certificate create identity.linkerd.cluster.local issuer.crt issuer.key --profile intermediate-ca --ca ca.crt --ca-key ca.key) and apply it with linkerd upgrade --identity-issuer-certificate-file, or renew it through cert-manager.',
  },
  'linkerd-workload': {
    short: 'Check the linkerd-identity logs; restart the pod if its proxy certificate is stuck.',
    full: 'Proxy certificates rotate on their own: check the linkerd-identity logs and restart the pod if its certificate is stuck.',
  },
  'consul-root': {
    short:
      'Rotate the Consul Connect CA root (consul connect ca set-config); Consul cross-signs during the switch.',
    full: 'Rotate the Connect CA root (consul connect ca set-config with a new root); Consul cross-signs so services keep working during the switch.',
  },
  'consul-intermediate': {
    short:
      'Check the Consul Connect CA provider (Vault, AWS PCA, built-in) so it re-generates the intermediate in time.',
    full: 'Check the Connect CA provider (Vault / AWS PCA / built-in) and let Consul re-generate the intermediate.',
  },
  'spire-root': {
    short:
      'Renew the SPIRE upstream authority (or root) and let SPIRE server publish the new bundle before the old one expires.',
    full: 'Renew the root behind the SPIRE server UpstreamAuthority (a self-signed SPIRE server rotates its own CA: check ca_ttl), check that spire-server bundle show lists the new root next to the old one, and let agents and federated peers fetch it before the old root expires.',
  },
  'spire-intermediate': {
    short:
      'Check that SPIRE server renews its CA from the upstream authority; renew the upstream first if it expires sooner.',
    full: 'Check that SPIRE server prepares and activates a new CA from its upstream authority before this one expires (server logs, ca_ttl); if the upstream authority expires sooner, renew it first.',
  },
  'cert-manager-ca': {
    short:
      'Renew the CA behind the cert-manager CA Issuer (cmctl renew, or replace the CA Secret), then re-issue what it signed.',
    full: 'Renew the CA certificate (cmctl renew <certificate>) or replace the CA Secret, then re-issue what it signed.',
  },
  'vault-root': {
    short:
      'Rotate the Vault PKI root (vault write <mount>/root/rotate/internal), trust it next to the old one, re-sign the intermediates and what the clusters hold.',
    full: 'Rotate the Vault PKI root: vault write <mount>/root/rotate/internal, distribute the new root next to the old one wherever it is trusted, re-sign the intermediates under it, then re-issue the in-cluster CAs they signed.',
  },
  'vault-intermediate': {
    short:
      'Rotate the Vault PKI issuer (intermediate/generate, have it signed, intermediate/set-signed, set it default), then re-issue the in-cluster CAs it signed.',
    full: 'Rotate the Vault PKI issuer: vault write <mount>/intermediate/generate/internal, have the parent sign the CSR, vault write <mount>/intermediate/set-signed and vault write <mount>/config/issuers default=<new issuer>; then re-issue the in-cluster CAs (Istio cacerts, cert-manager CAs, Linkerd issuer) it signed.',
  },
  'aws-pca-root': {
    short:
      'Renew the AWS Private CA root certificate (issue-certificate + import-certificate-authority-certificate), then re-sign its subordinates.',
    full: 'Renew the AWS Private CA root: aws acm-pca get-certificate-authority-csr, aws acm-pca issue-certificate with the RootCACertificate template, aws acm-pca import-certificate-authority-certificate; then re-sign the subordinate CAs and re-issue the in-cluster CAs under them.',
  },
  'aws-pca-subordinate': {
    short:
      'Renew the AWS Private CA subordinate certificate (CSR, parent signs, import-certificate-authority-certificate), then re-issue the in-cluster CAs it signed.',
    full: 'Renew the AWS Private CA subordinate: aws acm-pca get-certificate-authority-csr, have the parent CA sign it, aws acm-pca import-certificate-authority-certificate; then re-issue the in-cluster CAs (Istio cacerts, cert-manager CAs, Linkerd issuer) it signed.',
  },
  'webhook-ca': {
    short:
      'Re-issue the webhook serving CA and update the caBundle of the webhook configuration (cainjector does it if used).',
    full: 'Re-issue the webhook serving certificate and update the caBundle of the webhook configuration.',
  },
};
