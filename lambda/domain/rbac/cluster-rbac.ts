/**
 * `certwatch rbac --from-cluster`: the least privilege for what one cluster actually runs. The
 * static source definitions are kept only for the meshes installed, Roles only for namespaces that
 * exist, cert-manager Secrets by exactly the names its Issuers and Certificates give, and
 * pods/proxy only in the namespaces whose meshed pods the scan samples (none with sampling off).
 * Pure: the inventory is read by an adapter.
 */
import type { NamedSecret } from '../cert-manager/named-secrets';
import { type Installation, installationsOf } from '../installations';
import { describePermissions, objectsFor, type RbacObject, type RbacSubject } from './least-privilege';
import {
  CERT_MANAGER,
  ISTIO,
  LINKERD,
  type ResourceRead,
  SOURCE_DEFINITIONS,
  type SourceDefinition,
} from './source-reads';

/** What `rbac --from-cluster` learned of the cluster. */
export interface ClusterInventory {
  readonly namespaces: readonly string[];
  /** Served group/versions (`cert-manager.io/v1`, …). */
  readonly groupVersions: readonly string[];
  readonly installations: readonly Installation[];
  /** istio-ca-root-cert ConfigMaps found (Istio may run its control plane elsewhere). */
  readonly istioRootCopies: number;
  /** linkerd-identity-trust-roots or linkerd-config exists. */
  readonly linkerdConfig: boolean;
  /** The Secrets the cert-manager source will GET by name. */
  readonly certManagerSecrets: readonly NamedSecret[];
  /** Namespaces with running meshed pods, per mesh. */
  readonly meshedPodNamespaces: Readonly<Record<'istio' | 'linkerd', readonly string[]>>;
  /** The Service the Consul source will proxy to, when it will. */
  readonly consulService?: { readonly namespace: string; readonly name: string; readonly port: number };
  /** False with --no-workload-sampling. */
  readonly sampling: boolean;
}

/** The generated objects and the header notes explaining them. */
export interface ClusterRbac {
  readonly objects: RbacObject[];
  readonly notes: string[];
}

function servesGroup(inv: ClusterInventory, groups: readonly string[]): boolean {
  return inv.groupVersions.some((gv) => groups.includes(gv.split('/')[0] ?? ''));
}

function readsOf(source: string, keep: (read: ResourceRead) => boolean): ResourceRead[] {
  return (SOURCE_DEFINITIONS.find((d) => d.name === source)?.reads ?? []).filter(keep);
}

const isSecrets = (r: ResourceRead) => r.resources.includes('secrets');
const isPods = (r: ResourceRead) => r.resources.includes('pods');
const isProxy = (r: ResourceRead) => r.resources.includes('pods/proxy');

/** Whether each mesh will be read, as the sources decide it. */
export function meshesPresent(inv: ClusterInventory) {
  return {
    istio:
      installationsOf({ found: inv.installations }, 'istio').length > 0 ||
      servesGroup(inv, ISTIO.apiGroups) ||
      inv.istioRootCopies > 0,
    linkerd:
      installationsOf({ found: inv.installations }, 'linkerd').length > 0 ||
      servesGroup(inv, LINKERD.apiGroups) ||
      inv.linkerdConfig,
  };
}

function meshDefinition(
  inv: ClusterInventory,
  mesh: 'istio' | 'linkerd',
  namespace: string,
  podsNeeded: boolean,
): SourceDefinition {
  const exists = inv.namespaces.includes(namespace);
  const proxyWhy = readsOf(mesh, isProxy)[0]?.why ?? 'workload sampling';
  const sampled = inv.sampling ? inv.meshedPodNamespaces[mesh] : [];
  return {
    name: mesh,
    reads: [
      ...readsOf(mesh, (r) => !isSecrets(r) && !isPods(r) && !isProxy(r)),
      ...(exists ? readsOf(mesh, isSecrets) : []),
      ...(podsNeeded ? readsOf(mesh, isPods) : []),
      ...sampled.map(
        (ns): ResourceRead => ({
          apiGroup: '',
          resources: ['pods/proxy'],
          verbs: ['get'],
          namespace: ns,
          why: proxyWhy,
        }),
      ),
    ],
  };
}

function certManagerDefinition(inv: ClusterInventory): SourceDefinition {
  const served = servesGroup(inv, [CERT_MANAGER.group]);
  const trust = servesGroup(inv, [CERT_MANAGER.trustGroup]);
  const byNamespace = new Map<string, Set<string>>();
  for (const s of inv.certManagerSecrets) {
    if (!inv.namespaces.includes(s.namespace)) continue;
    byNamespace.set(s.namespace, (byNamespace.get(s.namespace) ?? new Set()).add(s.name));
  }
  const secrets = [...byNamespace].map(
    ([namespace, names]): ResourceRead => ({
      apiGroup: '',
      resources: ['secrets'],
      verbs: ['get'],
      namespace,
      resourceNames: [...names].sort(),
      why: 'the Secrets its CA Issuers and Certificates name (key fields are dropped on read)',
    }),
  );
  return {
    name: 'cert-manager',
    reads: [
      ...readsOf(
        'cert-manager',
        (r) => !isSecrets(r) && r.apiGroup !== CERT_MANAGER.group && r.apiGroup !== CERT_MANAGER.trustGroup,
      ),
      ...(served ? readsOf('cert-manager', (r) => r.apiGroup === CERT_MANAGER.group) : []),
      ...(trust ? readsOf('cert-manager', (r) => r.apiGroup === CERT_MANAGER.trustGroup) : []),
      ...secrets,
    ],
  };
}

function consulDefinition(inv: ClusterInventory): SourceDefinition {
  const target = inv.consulService;
  const proxy = readsOf('consul', (r) => r.resources.includes('services/proxy'))[0];
  const reads = readsOf('consul', (r) => !r.resources.includes('services/proxy'));
  if (target && proxy && inv.namespaces.includes(target.namespace)) {
    reads.push({ ...proxy, namespace: target.namespace, resourceNames: [`${target.name}:${target.port}`] });
  }
  return { name: 'consul', reads };
}

/** The RBAC objects for exactly what a default scan of this cluster reads, bound to `subject` (a string: a group). */
export function clusterRbac(inv: ClusterInventory, subject: RbacSubject | string = 'certwatch'): ClusterRbac {
  const present = meshesPresent(inv);
  const defs: SourceDefinition[] = [
    ...(present.istio ? [meshDefinition(inv, 'istio', ISTIO.namespace, inv.sampling)] : []),
    ...(present.linkerd ? [meshDefinition(inv, 'linkerd', LINKERD.namespace, true)] : []),
    consulDefinition(inv),
    certManagerDefinition(inv),
    ...SOURCE_DEFINITIONS.filter((d) => d.name === 'spire'),
  ];
  return { objects: objectsFor(defs, 'certwatch', subject), notes: describePermissions(defs) };
}
