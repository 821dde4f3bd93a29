/**
 * Remediation: what a person should do about a certificate, by role, level and mesh — the one
 * place the rules' findings (full form) and the digest (short form) take their actions from.
 * Pure domain: imports ../model and its own files only.
 */
import type { Level, Mesh, Role } from '../model';
import { ROLE_ACTIONS } from './role-actions';

export { ROLE_ACTIONS, type RoleAction } from './role-actions';
export { rotateUpstream, upstreamDigestAction } from './upstream-actions';

const AUTOMATIC: Readonly<Record<Role, string>> = {
  'istio-workload': 'None: istiod rotates workload certificates; restart a pod only if it is stuck.',
  'linkerd-workload': 'None: the proxy rotates its certificate; restart a pod only if it is stuck.',
  'consul-leaf': 'None: Consul rotates leaf certificates on its own.',
  'spire-workload': 'None: the SPIRE agent rotates SVIDs on its own.',
};

const AUTOMATIC_BY_MESH: Readonly<Partial<Record<Mesh, string>>> = {
  'cert-manager': 'None: cert-manager renews it at renewalTime; check the Certificate stays Ready.',
  istio: 'None: istiod rotates it; check istiod logs if it does not.',
  linkerd: 'None: renewed automatically (usually by cert-manager); check that the renewal ran.',
  spire: 'None: SPIRE rotates it on its own.',
  consul: 'None: Consul rotates it on its own.',
  vault: 'None: renewed automatically from Vault PKI; check the role TTL is long enough.',
  'aws-pca': 'None: renewed automatically from AWS Private CA; check the renewal ran.',
};

// CAs held by an external PKI: the step is there, whatever role the cluster gives them.
const EXTERNAL_CA: Readonly<Partial<Record<Mesh, string>>> = {
  vault: 'Rotate the Vault PKI issuer (generate a new intermediate, set-signed) before it expires.',
  'aws-pca': 'Renew the AWS Private CA certificate (install a new CA certificate) before it expires.',
};

const BY_LEVEL_SHORT: Readonly<Record<Level, string>> = {
  root: 'Plan a root rotation by hand: trust the new root next to the old one everywhere, then re-issue intermediates from it.',
  intermediate: 'Re-issue this intermediate from its root and deploy it, then re-issue what it signs.',
  leaf: 'Issue a replacement certificate and deploy it before the expiry date.',
};

/** Short form, for the digest: the next step for a certificate of `role`/`level` in `mesh` coming due. */
export function actionFor(role: Role, level: Level, mesh?: Mesh, automatic = false): string {
  if (automatic)
    return AUTOMATIC[role] ?? (mesh && AUTOMATIC_BY_MESH[mesh]) ?? 'None: it renews automatically.';
  const known = ROLE_ACTIONS[role];
  if (known) return known.short;
  const external = mesh && level !== 'leaf' ? EXTERNAL_CA[mesh] : undefined;
  if (external) return external;
  if (mesh === 'cert-manager') return 'Renew it with cmctl renew and find out why cert-manager did not.';
  return BY_LEVEL_SHORT[level];
}

/** The certificate a full-form step is about: its role, level and where it was seen (for the text). */
export interface ReplaceTarget {
  readonly role: Role;
  readonly level: Level;
  /** e.g. `Secret istio-system/cacerts key ca-cert.pem`. */
  readonly where: string;
}

/** Full form, for findings: the procedure to replace the certificate before it breaks something. */
export function replaceStep(target: ReplaceTarget): string {
  const known = ROLE_ACTIONS[target.role];
  if (known) return known.full;
  if (target.level === 'root')
    return `Create a new root, distribute it next to the old one wherever ${target.where} is trusted, then re-issue the intermediates from it.`;
  if (target.level === 'intermediate')
    return `Re-issue this intermediate from its root and replace it at ${target.where}, then re-issue what it signs.`;
  return `Issue a replacement certificate and deploy it at ${target.where}.`;
}
