/**
 * Builds the least-privilege RBAC objects for the scanner from SOURCE_DEFINITIONS: one
 * ClusterRole for cluster-wide reads, one Role per namespace for named Secrets and proxies, all
 * bound to a group. Opt-in reads are returned apart, for a commented note. Pure data.
 */
import { type ResourceRead, SOURCE_DEFINITIONS, type SourceDefinition } from './source-reads';

/** A Kubernetes RBAC PolicyRule. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/** A plain Kubernetes object (ClusterRole, Role, bindings). */
export interface RbacObject {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'ClusterRole' | 'ClusterRoleBinding' | 'Role' | 'RoleBinding';
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  rules?: PolicyRule[];
  roleRef?: { apiGroup: 'rbac.authorization.k8s.io'; kind: 'ClusterRole' | 'Role'; name: string };
  subjects?: { kind: 'Group'; apiGroup: 'rbac.authorization.k8s.io'; name: string }[];
}

/** The objects to apply, and the ones an opt-in flag would add. */
export interface LeastPrivilege {
  readonly objects: RbacObject[];
  readonly optIn: { readonly flag: string; readonly objects: RbacObject[] }[];
}

const API = 'rbac.authorization.k8s.io/v1' as const;
const GROUP_API = 'rbac.authorization.k8s.io' as const;

/** Merges reads into rules: identical (group, verbs, names) share a rule; duplicates vanish. */
function toRules(reads: readonly ResourceRead[]): PolicyRule[] {
  const byKey = new Map<string, PolicyRule>();
  for (const read of reads) {
    const names = [...(read.resourceNames ?? [])].sort();
    const key = [read.apiGroup, [...read.verbs].sort().join(','), names.join(',')].join('|');
    const rule = byKey.get(key) ?? {
      apiGroups: [read.apiGroup],
      resources: [],
      verbs: [...read.verbs].sort(),
      ...(names.length > 0 ? { resourceNames: names } : {}),
    };
    for (const r of read.resources) if (!rule.resources.includes(r)) rule.resources.push(r);
    byKey.set(key, rule);
  }
  return [...byKey.values()];
}

function objectsFor(defs: readonly SourceDefinition[], name: string, group: string): RbacObject[] {
  const labels = { 'app.kubernetes.io/name': 'certwatch' };
  const subjects = [{ kind: 'Group' as const, apiGroup: GROUP_API, name: group }];
  const reads = defs.flatMap((d) => d.reads);
  const out: RbacObject[] = [];
  const clusterWide = reads.filter((r) => !r.namespace);
  if (clusterWide.length > 0) {
    out.push({
      apiVersion: API,
      kind: 'ClusterRole',
      metadata: { name, labels },
      rules: toRules(clusterWide),
    });
    out.push({
      apiVersion: API,
      kind: 'ClusterRoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: GROUP_API, kind: 'ClusterRole', name },
      subjects,
    });
  }
  const namespaces = [...new Set(reads.flatMap((r) => (r.namespace ? [r.namespace] : [])))].sort();
  for (const namespace of namespaces) {
    const rules = toRules(reads.filter((r) => r.namespace === namespace));
    out.push({ apiVersion: API, kind: 'Role', metadata: { name, namespace, labels }, rules });
    out.push({
      apiVersion: API,
      kind: 'RoleBinding',
      metadata: { name, namespace, labels },
      roleRef: { apiGroup: GROUP_API, kind: 'Role', name },
      subjects,
    });
  }
  return out;
}

/** The least-privilege RBAC for the scanner, bound to `group` (default `certwatch`). */
export function leastPrivilege(
  group = 'certwatch',
  defs: readonly SourceDefinition[] = SOURCE_DEFINITIONS,
): LeastPrivilege {
  const base = defs.filter((d) => !d.optIn);
  const optIn = defs
    .filter((d) => d.optIn)
    .map((d) => ({ flag: d.optIn!, objects: objectsFor([d], `certwatch-${d.name}`, group) }));
  return { objects: objectsFor(base, 'certwatch', group), optIn };
}

/** Why each permission is needed, one line per read, for the YAML header. */
export function permissionNotes(defs: readonly SourceDefinition[] = SOURCE_DEFINITIONS): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const def of defs.filter((d) => !d.optIn)) {
    for (const read of def.reads) {
      const where = read.namespace ? ` in ${read.namespace}` : ' (cluster-wide)';
      const line = `${def.name}: ${read.verbs.join('/')} ${read.resources.join(', ')}${where}: ${read.why}`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
  }
  return lines;
}
