/** The resource types the simulator serves: built-in ones always, CRD-backed ones once installed. */

/** One resource type, as discovery describes it. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  /** Plural, lower-case: `configmaps`. */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  /** Served only when its group is installed (a CRD). */
  readonly crd?: boolean;
  /** Field selectors this type accepts beyond `metadata.name` and `metadata.namespace`. */
  readonly fields?: readonly string[];
  /** Subresources listed by discovery, e.g. `proxy`. */
  readonly subresources?: readonly string[];
}

const core = (resource: string, kind: string, namespaced: boolean, extra: Partial<ResourceType> = {}) =>
  ({ group: '', version: 'v1', resource, kind, namespaced, ...extra }) as ResourceType;
const admission = (resource: string, kind: string): ResourceType => ({
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  resource,
  kind,
  namespaced: false,
});
const rbac = (resource: string, kind: string, namespaced: boolean): ResourceType => ({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  resource,
  kind,
  namespaced,
});
const crd = (group: string, version: string, resource: string, kind: string, namespaced: boolean) =>
  ({ group, version, resource, kind, namespaced, crd: true }) as ResourceType;

/** The types every simulator knows; CRD ones appear in discovery only when installed. */
export const BUILTIN_TYPES: readonly ResourceType[] = [
  core('namespaces', 'Namespace', false, { shortNames: ['ns'] }),
  core('configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  core('secrets', 'Secret', true, { fields: ['type'] }),
  core('pods', 'Pod', true, {
    shortNames: ['po'],
    fields: ['status.phase', 'spec.nodeName', 'spec.serviceAccountName'],
    subresources: ['proxy'],
  }),
  core('services', 'Service', true, { shortNames: ['svc'], subresources: ['proxy'] }),
  core('serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  admission('mutatingwebhookconfigurations', 'MutatingWebhookConfiguration'),
  admission('validatingwebhookconfigurations', 'ValidatingWebhookConfiguration'),
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  rbac('roles', 'Role', true),
  rbac('clusterroles', 'ClusterRole', false),
  rbac('rolebindings', 'RoleBinding', true),
  rbac('clusterrolebindings', 'ClusterRoleBinding', false),
  crd('cert-manager.io', 'v1', 'certificates', 'Certificate', true),
  crd('cert-manager.io', 'v1', 'certificaterequests', 'CertificateRequest', true),
  crd('cert-manager.io', 'v1', 'issuers', 'Issuer', true),
  crd('cert-manager.io', 'v1', 'clusterissuers', 'ClusterIssuer', false),
  crd('trust.cert-manager.io', 'v1alpha1', 'bundles', 'Bundle', false),
  crd('awspca.cert-manager.io', 'v1beta1', 'awspcaissuers', 'AWSPCAIssuer', true),
  crd('awspca.cert-manager.io', 'v1beta1', 'awspcaclusterissuers', 'AWSPCAClusterIssuer', false),
  crd('spire.spiffe.io', 'v1alpha1', 'clusterspiffeids', 'ClusterSPIFFEID', false),
  crd('multicluster.linkerd.io', 'v1alpha3', 'links', 'Link', true),
];

/** `group/version`, or `version` for the core group, like an object's apiVersion. */
export function groupVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/** Looks types up by path segments or by apiVersion+kind; tracks which CRD groups are installed. */
export class ResourceCatalog {
  private readonly types: ResourceType[];
  private readonly installed = new Set<string>();

  constructor(extra: readonly ResourceType[] = [], installedGroups: readonly string[] = []) {
    this.types = [...BUILTIN_TYPES, ...extra];
    for (const group of installedGroups) this.install(group);
  }

  /** Serves a CRD-backed group from now on (as if its CRDs were applied). */
  install(group: string): void {
    if (!this.types.some((t) => t.group === group))
      throw new Error(`simulator: unknown API group "${group}"`);
    this.installed.add(group);
  }

  /** True when the type is served now. */
  isServed(type: ResourceType): boolean {
    return !type.crd || this.installed.has(type.group);
  }

  /** Types served now. */
  served(): ResourceType[] {
    return this.types.filter((t) => this.isServed(t));
  }

  /** The served type at `/api(s)/group/version/resource`, if any. */
  byPath(group: string, version: string, resource: string): ResourceType | undefined {
    return this.served().find((t) => t.group === group && t.version === version && t.resource === resource);
  }

  /** The type of an object (served or not); throws when the simulator does not know it. */
  byObject(apiVersion: string | undefined, kind: string): ResourceType {
    const found = this.types.find(
      (t) => t.kind === kind && (!apiVersion || groupVersionOf(t) === apiVersion),
    );
    if (!found) throw new Error(`simulator: unknown kind ${apiVersion ?? '?'}/${kind}`);
    return found;
  }
}
