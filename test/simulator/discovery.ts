/** Discovery documents (`/version`, `/api`, `/apis`, resource lists) for the types served now. */
import { groupVersionOf, type ResourceCatalog, type ResourceType } from './resource-catalog';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const PROXY_KINDS: Record<string, string> = { pods: 'PodProxyOptions', services: 'ServiceProxyOptions' };

/** Kubernetes version the simulator claims. */
export const SIMULATED_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0-certwatch-simulator',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.22.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function resourceEntries(type: ResourceType): object[] {
  const main = {
    name: type.resource,
    singularName: type.kind.toLowerCase(),
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: VERBS,
    ...(type.shortNames ? { shortNames: type.shortNames } : {}),
  };
  const subs = (type.subresources ?? []).map((sub) => ({
    name: `${type.resource}/${sub}`,
    singularName: '',
    namespaced: type.namespaced,
    kind: PROXY_KINDS[type.resource] ?? type.kind,
    verbs: ['create', 'delete', 'get', 'patch', 'update'],
  }));
  return [main, ...subs];
}

function groups(catalog: ResourceCatalog): Map<string, string[]> {
  const byGroup = new Map<string, string[]>();
  for (const t of catalog.served()) {
    if (t.group === '') continue;
    const versions = byGroup.get(t.group) ?? [];
    if (!versions.includes(t.version)) versions.push(t.version);
    byGroup.set(t.group, versions);
  }
  return byGroup;
}

function apiGroup(name: string, versions: string[]): object {
  const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: list, preferredVersion: list[0] };
}

function resourceList(catalog: ResourceCatalog, group: string, version: string): object | undefined {
  const types = catalog.served().filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersionOf({ group, version }),
    resources: types.flatMap(resourceEntries),
  };
}

/** The discovery document at `path`, or undefined when the path is not a discovery path. */
export function discoveryDocument(
  catalog: ResourceCatalog,
  path: string,
  address: string,
): object | undefined {
  if (path === '/version') return SIMULATED_VERSION;
  if (path === '/api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address }],
    };
  }
  if (path === '/api/v1') return resourceList(catalog, '', 'v1');
  if (path === '/apis') {
    const list = [...groups(catalog)].map(([name, versions]) => apiGroup(name, versions));
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: list };
  }
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'apis' || parts.length < 2 || parts.length > 3) return undefined;
  const versions = groups(catalog).get(parts[1] ?? '');
  if (!versions) return undefined;
  if (parts.length === 2)
    return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(parts[1] ?? '', versions) };
  return resourceList(catalog, parts[1] ?? '', parts[2] ?? '');
}

/** True for paths any authenticated user may read (the default `system:discovery` binding). */
export function isDiscoveryPath(path: string): boolean {
  if (path === '/version' || path === '/api' || path === '/api/v1' || path === '/apis') return true;
  const parts = path.split('/').filter(Boolean);
  return parts[0] === 'apis' && parts.length >= 2 && parts.length <= 3;
}
