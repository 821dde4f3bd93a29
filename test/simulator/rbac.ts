/** RBAC as the API server enforces it, read from Role/ClusterRole/(Cluster)RoleBinding objects. */
import type { ObjectStore } from './object-store';
import type { SimObject } from './types';

/** Who asks for what: the authorizer's view of a resource request. */
export interface RequestAttributes {
  readonly user: string;
  readonly groups: readonly string[];
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

interface PolicyRule {
  readonly apiGroups?: string[];
  readonly resources?: string[];
  readonly resourceNames?: string[];
  readonly verbs?: string[];
}

interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

function ruleMatches(rule: PolicyRule, a: RequestAttributes): boolean {
  const has = (list: string[] | undefined, value: string) =>
    !!list && (list.includes('*') || list.includes(value));
  if (!has(rule.verbs, a.verb) || !has(rule.apiGroups, a.apiGroup)) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources = rule.resources ?? [];
  const resourceOk =
    resources.includes('*') ||
    resources.includes(combined) ||
    (!!a.subresource && resources.includes(`*/${a.subresource}`));
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  // As in real RBAC, resourceNames never grant list or watch: those requests carry no name.
  return names.length === 0 || (!!a.name && names.includes(a.name));
}

function subjectMatches(subject: Subject, a: RequestAttributes): boolean {
  if (subject.kind === 'User') return subject.name === a.user;
  if (subject.kind === 'Group') return a.groups.includes(subject.name);
  if (subject.kind === 'ServiceAccount') {
    return a.user === `system:serviceaccount:${subject.namespace}:${subject.name}`;
  }
  return false;
}

function rulesOf(store: ObjectStore, roleRef: { kind?: string; name?: string }, namespace?: string) {
  const kind = roleRef.kind === 'Role' ? 'Role' : 'ClusterRole';
  if (kind === 'Role' && !namespace) return [];
  const role = store
    .ofKind(kind)
    .find(
      (r) =>
        r.metadata.name === roleRef.name && (kind === 'ClusterRole' || r.metadata.namespace === namespace),
    );
  return ((role?.rules as PolicyRule[] | undefined) ?? []).filter(Boolean);
}

function bindingApplies(binding: SimObject, a: RequestAttributes): boolean {
  const subjects = (binding.subjects as Subject[] | undefined) ?? [];
  return subjects.some((s) => subjectMatches(s, a));
}

/** True when some binding grants the request. */
export function authorize(store: ObjectStore, a: RequestAttributes): boolean {
  if (a.groups.includes('system:masters')) return true; // as the real authorizer: masters bypass RBAC
  const bindings = [
    ...store.ofKind('ClusterRoleBinding').map((b) => ({ b, ns: undefined })),
    ...(a.namespace
      ? store
          .ofKind('RoleBinding')
          .filter((b) => b.metadata.namespace === a.namespace)
          .map((b) => ({ b, ns: a.namespace }))
      : []),
  ];
  return bindings.some(
    ({ b, ns }) =>
      bindingApplies(b, a) &&
      rulesOf(store, (b.roleRef as { kind?: string; name?: string }) ?? {}, ns).some((r) =>
        ruleMatches(r, a),
      ),
  );
}

/** `resource.group`, as the server names a resource in its messages. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** The real server's Forbidden message, e.g. `secrets "x" is forbidden: User "u" cannot get …`. */
export function forbiddenMessage(a: RequestAttributes): string {
  const qualified = qualifiedResource(a.resource, a.apiGroup);
  const who = a.name ? `${qualified} "${a.name}"` : qualified;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? ` in the namespace "${a.namespace}"` : ' at the cluster scope';
  return `${who} is forbidden: User "${a.user}" cannot ${a.verb} resource "${res}" in API group "${a.apiGroup}"${scope}`;
}
