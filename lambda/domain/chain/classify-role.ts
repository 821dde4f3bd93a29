/**
 * Decides a certificate's role from the sources' hints and its level: a hint for a material's
 * first certificate is taken as given (preferring one that fits the level); hints for later
 * positions only when they fit the level;
 * otherwise the role is derived from mesh + level (`istio-root`, `linkerd-issuer`, `leaf`, …).
 */
import type { Level, Mesh, Role } from '../model';
import { cmp } from './link-issuers';

/** A role a source suggested, with the position of the certificate in that material. */
export interface RoleHint {
  readonly role: Role;
  readonly position: number;
}

const MESH_ROLES: Readonly<Partial<Record<Mesh, Readonly<Record<Level, Role>>>>> = {
  istio: { root: 'istio-root', intermediate: 'istio-intermediate', leaf: 'istio-workload' },
  linkerd: { root: 'linkerd-trust-anchor', intermediate: 'linkerd-issuer', leaf: 'linkerd-workload' },
  consul: { root: 'consul-root', intermediate: 'consul-intermediate', leaf: 'consul-leaf' },
  spire: { root: 'spire-root', intermediate: 'spire-intermediate', leaf: 'spire-workload' },
  vault: { root: 'vault-root', intermediate: 'vault-intermediate', leaf: 'leaf' },
  'aws-pca': { root: 'aws-pca-root', intermediate: 'aws-pca-subordinate', leaf: 'leaf' },
};

/** The role of a certificate at `level`, seen with `hints`, in `mesh`. */
export function classifyRole(level: Level, hints: readonly RoleHint[], mesh?: Mesh): Role {
  // Read from an upstream CA: that is what it is, whatever a mesh bundle next to it calls it.
  if (mesh === 'vault' || mesh === 'aws-pca') return MESH_ROLES[mesh]![level];
  // One certificate can be a material's first entry twice with different hints (Linkerd test data
  // uses the same self-signed certificate as anchor and issuer): the hint that fits the level wins.
  const firsts = hints.filter((h) => h.position === 0).map((h) => h.role);
  const fitting = hints.filter((h) => fits(h.role, level)).map((h) => h.role);
  const chosen = pick(firsts.filter((r) => fitting.includes(r))) ?? pick(firsts) ?? pick(fitting);
  if (chosen) return chosen;
  return (mesh ? MESH_ROLES[mesh]?.[level] : undefined) ?? level;
}

function pick(roles: readonly Role[]): Role | undefined {
  return [...new Set(roles)].sort(cmp)[0];
}

// Suffix conventions of role names: anchors are roots, issuers intermediates, `*-ca` any CA.
function fits(role: Role, level: Level): boolean {
  if (/(root|trust-anchor)$/.test(role)) return level === 'root';
  if (/(intermediate|issuer)$/.test(role)) return level === 'intermediate';
  if (/(workload|leaf)$/.test(role)) return level === 'leaf';
  if (/-ca$/.test(role)) return level !== 'leaf';
  return true;
}
