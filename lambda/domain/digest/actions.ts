/**
 * The action to take for a certificate coming due, by role, in a line or two: each mesh's own
 * rotation procedure for roots and intermediates, "nothing to do" for what renews itself. Pure.
 */
import type { Level, Mesh, Role } from '../model';

const MANUAL: Readonly<Record<string, string>> = {
  'istio-root':
    'Rotate the Istio plug-in CA by hand: put the new root next to the old in cacerts root-cert.pem, restart istiod, roll workloads, then sign with the new root.',
  'istio-intermediate':
    'Re-issue the Istio plug-in CA intermediate from the root, update the cacerts Secret (ca-cert, ca-key, cert-chain) and restart istiod.',
  'linkerd-trust-anchor':
    'Rotate the Linkerd trust anchor by hand: bundle new and old anchors, restart proxies, re-issue the issuer from the new anchor, then drop the old one.',
  'linkerd-issuer':
    'Re-issue the Linkerd identity issuer from a trust anchor in the bundle and apply it (linkerd upgrade --identity-issuer-certificate-file).',
  'consul-root':
    'Rotate the Consul Connect CA root (consul connect ca set-config); Consul cross-signs during the switch.',
  'consul-intermediate':
    'Check the Consul Connect CA provider (Vault, AWS PCA, built-in) so it re-generates the intermediate in time.',
  'spire-root':
    'Renew the SPIRE upstream authority (or root) and let SPIRE server publish the new bundle before the old one expires.',
  'spire-intermediate':
    'Check that SPIRE server renews its CA from the upstream authority; renew the upstream first if it expires sooner.',
  'cert-manager-ca':
    'Renew the CA behind the cert-manager CA Issuer (cmctl renew, or replace the CA Secret), then re-issue what it signed.',
  'webhook-ca':
    'Re-issue the webhook serving CA and update the caBundle of the webhook configuration (cainjector does it if used).',
};

const AUTOMATIC: Readonly<Record<string, string>> = {
  'istio-workload': 'None: istiod rotates workload certificates; restart a pod only if it is stuck.',
  'linkerd-workload': 'None: the proxy rotates its certificate; restart a pod only if it is stuck.',
  'consul-leaf': 'None: Consul rotates leaf certificates on its own.',
  'spire-workload': 'None: the SPIRE agent rotates SVIDs on its own.',
};

const BY_MESH_AUTOMATIC: Readonly<Partial<Record<Mesh, string>>> = {
  'cert-manager': 'None: cert-manager renews it at renewalTime; check the Certificate stays Ready.',
  istio: 'None: istiod rotates it; check istiod logs if it does not.',
  linkerd: 'None: renewed automatically (usually by cert-manager); check that the renewal ran.',
  spire: 'None: SPIRE rotates it on its own.',
  consul: 'None: Consul rotates it on its own.',
  vault: 'None: renewed automatically from Vault PKI; check the role TTL is long enough.',
  'aws-pca': 'None: renewed automatically from AWS Private CA; check the renewal ran.',
};

const BY_LEVEL: Readonly<Record<Level, string>> = {
  root: 'Plan a root rotation by hand: trust the new root next to the old one everywhere, then re-issue intermediates from it.',
  intermediate: 'Re-issue this intermediate from its root and deploy it, then re-issue what it signs.',
  leaf: 'Issue a replacement certificate and deploy it before the expiry date.',
};

const EXTERNAL: Readonly<Partial<Record<Mesh, string>>> = {
  vault: 'Rotate the Vault PKI issuer (generate a new intermediate, set-signed) before it expires.',
  'aws-pca': 'Renew the AWS Private CA certificate (install a new CA certificate) before it expires.',
};

/** Next step for a person, for a certificate of `role`/`level` in `mesh` coming due. */
export function actionFor(role: Role, level: Level, mesh?: Mesh, automatic = false): string {
  if (automatic)
    return AUTOMATIC[role] ?? (mesh && BY_MESH_AUTOMATIC[mesh]) ?? 'None: it renews automatically.';
  const manual = MANUAL[role];
  if (manual) return manual;
  const external = mesh && level !== 'leaf' ? EXTERNAL[mesh] : undefined;
  if (external) return external;
  if (mesh === 'cert-manager') return 'Renew it with cmctl renew and find out why cert-manager did not.';
  return BY_LEVEL[level];
}
