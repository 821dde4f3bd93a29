/**
 * Reads what `certwatch rbac --from-cluster` needs to know of a cluster: namespaces, served API
 * groups, running control planes, the Secrets cert-manager objects name, the namespaces of running
 * meshed pods and where Consul would be asked — with the same detection and naming the sources use.
 * Any read that fails is an error: RBAC generated from a partial view would be wrong.
 */
import {
  type CertManagerObject,
  caIssuerSecret,
  certificateSecret,
  DEFAULT_CLUSTER_RESOURCE_NAMESPACE,
  type NamedSecret,
} from '../../domain/cert-manager/named-secrets';
import type { ClusterInventory } from '../../domain/rbac/cluster-rbac';
import { CERT_MANAGER, ISTIO, LINKERD } from '../../domain/rbac/source-reads';
import { corePath } from './api-paths';
import type { KubeApi, KubeObject } from './kube-api';
import { isRunning, type SourceOptions } from './sources/cluster-context';
import { isNotFound } from './sources/collector';
import { consulTarget } from './sources/consul-source';
import { detectInstallations } from './sources/installations';

const PAGE = 500;

async function names(
  api: KubeApi,
  path: string,
  options: { fieldSelector?: string; labelSelector?: string } = {},
) {
  return api.list<KubeObject>(path, { pageSize: PAGE, ...options });
}

async function exists(api: KubeApi, path: string): Promise<boolean> {
  try {
    await api.get(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

async function certManagerSecrets(api: KubeApi, options: SourceOptions, served: Set<string>) {
  if (!served.has(`${CERT_MANAGER.group}/${CERT_MANAGER.version}`)) return [];
  const base = `/apis/${CERT_MANAGER.group}/${CERT_MANAGER.version}`;
  const crn = options.clusterResourceNamespace ?? DEFAULT_CLUSTER_RESOURCE_NAMESPACE;
  const [issuers, clusterIssuers, certificates] = await Promise.all([
    names(api, `${base}/issuers`),
    names(api, `${base}/clusterissuers`),
    names(api, `${base}/certificates`),
  ]);
  const secrets: NamedSecret[] = [];
  const add = (s: NamedSecret | Error | undefined) => {
    if (s && !(s instanceof Error)) secrets.push(s);
  };
  for (const i of issuers) add(caIssuerSecret('Issuer', i as CertManagerObject, crn));
  for (const i of clusterIssuers) add(caIssuerSecret('ClusterIssuer', i as CertManagerObject, crn));
  for (const c of certificates) add(certificateSecret(c as CertManagerObject));
  return secrets;
}

async function meshedNamespaces(api: KubeApi, labelSelector: string, wanted: boolean): Promise<string[]> {
  if (!wanted) return [];
  const pods = (await names(api, '/api/v1/pods', { labelSelector })).filter(isRunning);
  return [...new Set(pods.map((p) => p.metadata.namespace ?? 'default'))].sort();
}

/** Reads the inventory; rejects with the first read that failed. */
export async function readClusterInventory(api: KubeApi, options: SourceOptions): Promise<ClusterInventory> {
  const signal = new AbortController().signal;
  const served = await api.groupVersions();
  const installations = await detectInstallations(api, PAGE, signal);
  if (installations.failure) {
    throw new Error(`could not list Deployments/StatefulSets: ${installations.failure.detail}`);
  }
  const sampling = options.workloadSampling !== false;
  const [namespaces, roots, linkerdRoots, linkerdConfig, secrets, istioPods, linkerdPods] = await Promise.all(
    [
      names(api, '/api/v1/namespaces'),
      names(api, '/api/v1/configmaps', { fieldSelector: `metadata.name=${ISTIO.rootConfigMap}` }),
      exists(api, corePath('configmaps', LINKERD.namespace, LINKERD.trustRootsConfigMap)),
      exists(api, corePath('configmaps', LINKERD.namespace, LINKERD.configConfigMap)),
      certManagerSecrets(api, options, served),
      meshedNamespaces(api, ISTIO.meshedPodSelector, sampling),
      meshedNamespaces(api, LINKERD.meshedPodLabel, sampling),
    ],
  );
  const consul = consulTarget(options.consul, installations, served);
  return {
    namespaces: namespaces.map((n) => n.metadata.name).sort(),
    groupVersions: [...served].sort(),
    installations: installations.found,
    istioRootCopies: roots.length,
    linkerdConfig: linkerdRoots || linkerdConfig,
    certManagerSecrets: secrets,
    meshedPodNamespaces: { istio: istioPods, linkerd: linkerdPods },
    ...(consul && options.consul?.address === undefined
      ? { consulService: { namespace: consul.namespace, name: consul.service, port: consul.port } }
      : {}),
    sampling,
  };
}
