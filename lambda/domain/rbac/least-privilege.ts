/**
 * Builds the least-privilege RBAC objects for the scanner from SOURCE_DEFINITIONS: one
 * ClusterRole for cluster-wide reads, one Role per namespace for named Secrets and proxies, all
 * bound to a group or a service account. Opt-in reads are returned apart, for a commented note. Pure data.
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
  subjects?: RbacSubject[];
}

/** Who the bindings grant: a group (people, IAM roles mapped to it) or a pod's service account. */
export type RbacSubject =
  | { kind: 'Group'; apiGroup: 'rbac.authorization.k8s.io'; name: string }
  | { kind: 'ServiceAccount'; name: string; namespace: string };

/** A group subject. */
export function groupSubject(name: string): RbacSubject {
  return { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name };
}

/** A service-account subject. */
export function serviceAccountSubject(namespace: string, name: string): RbacSubject {
  return { kind: 'ServiceAccount', name, namespace };
}

/** How headers name a subject: `group "certwatch"`, `service account certwatch/certwatch`. */
export function describeSubject(subject: RbacSubject): string {
  return subject.kind === 'Group'
    ? `group "${subject.name}"`
    : `service account ${subject.namespace}/${subject.name}`;
}

function asSubject(subject: RbacSubject | string): RbacSubject {
  return typeof subject === 'string' ? groupSubject(subject) : subject;
}

/** The objects to apply, and the ones an opt-in flag would add. */
export interface LeastPrivilege {
  readonly objects: RbacObject[];
  readonly optIn: { readonly flag: string; readonly objects: RbacObject[]; readonly notes: string[] }[];
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

/**
 * The ClusterRole (cluster-wide reads) and per-namespace Roles of `defs`, each with its binding to
 * `subject` (a string is a group name).
 */
export function objectsFor(
  defs: readonly SourceDefinition[],
  name: string,
  subject: RbacSubject | string,
): RbacObject[] {
  const labels = { 'app.kubernetes.io/name': 'certwatch' };
  const subjects = [asSubject(subject)];
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

/** The least-privilege RBAC for the scanner, bound to `subject` (default: group `certwatch`). */
export function leastPrivilege(
  subject: RbacSubject | string = 'certwatch',
  defs: readonly SourceDefinition[] = SOURCE_DEFINITIONS,
): LeastPrivilege {
  const base = defs.filter((d) => !d.optIn);
  const optIn = defs
    .filter((d) => d.optIn)
    .map((d) => ({
      flag: d.optIn!,
      objects: objectsFor([d], `certwatch-${d.name}`, subject),
      notes: describePermissions([d]),
    }));
  return { objects: objectsFor(base, 'certwatch', subject), optIn };
}

/** One permission, the sources that need it, and why (one reason per distinct `why`). */
interface Permission {
  readonly label: string;
  readonly sources: string[];
  readonly reasons: { why: string; sources: string[] }[];
}

function permissionLabel(read: ResourceRead): string {
  const where = read.namespace ? `in ${read.namespace}` : '(cluster-wide)';
  // The names themselves are in the YAML below (resourceNames); the header says how many.
  const count = read.resourceNames?.length ?? 0;
  const names = count > 0 ? `, ${count} by name only` : read.namespace ? ', any name' : '';
  return `${read.verbs.join('/')} ${read.resources.join(', ')} ${where}${names}`;
}

/**
 * Why each permission is needed, for the YAML header: each permission once, with the sources that
 * need it, then its reason (prefixed by the source when sources need it for different reasons).
 */
export function permissionNotes(defs: readonly SourceDefinition[] = SOURCE_DEFINITIONS): string[] {
  return describePermissions(defs.filter((d) => !d.optIn));
}

/** Like `permissionNotes`, for exactly `defs` (opt-in ones included): how `certwatch rbac` explains an opt-in. */
export function describePermissions(defs: readonly SourceDefinition[]): string[] {
  const byLabel = new Map<string, Permission>();
  for (const def of defs) {
    for (const read of def.reads) {
      const label = permissionLabel(read);
      const permission = byLabel.get(label) ?? { label, sources: [], reasons: [] };
      if (!permission.sources.includes(def.name)) permission.sources.push(def.name);
      const reason = permission.reasons.find((r) => r.why === read.why);
      if (reason) reason.sources.push(def.name);
      else permission.reasons.push({ why: read.why, sources: [def.name] });
      byLabel.set(label, permission);
    }
  }
  return [...byLabel.values()].flatMap((p) => [
    `${p.label} [${p.sources.join(', ')}]`,
    ...p.reasons.map((r) => `  ${p.reasons.length > 1 ? `${r.sources.join(', ')}: ` : ''}${r.why}`),
  ]);
}
