/** `rbac --from-cluster`'s pure part: grants follow what runs, Roles only in existing namespaces. */
import type { Installation } from '#domain/installations';
import { type ClusterInventory, clusterRbac } from '#domain/rbac/cluster-rbac';
import type { RbacObject } from '#domain/rbac/least-privilege';

const istiod: Installation = { mesh: 'istio', kind: 'Deployment', namespace: 'istio-system', name: 'istiod' };
const consul: Installation = {
  mesh: 'consul',
  kind: 'StatefulSet',
  namespace: 'hashicorp',
  name: 'c1-consul-server',
};

function inventory(overrides: Partial<ClusterInventory> = {}): ClusterInventory {
  return {
    namespaces: ['default', 'istio-system', 'hashicorp', 'shop', 'team-a'],
    groupVersions: ['v1', 'apps/v1'],
    installations: [istiod, consul],
    istioRootCopies: 3,
    linkerdConfig: false,
    certManagerSecrets: [
      { namespace: 'team-a', name: 'web-tls', namedBy: 'Certificate team-a/web' },
      { namespace: 'gone', name: 'x-tls', namedBy: 'Certificate gone/x' },
    ],
    meshedPodNamespaces: { istio: ['shop'], linkerd: [] },
    consulService: { namespace: 'hashicorp', name: 'c1-consul-server', port: 8500 },
    sampling: true,
    ...overrides,
  };
}

const roles = (objects: RbacObject[]) =>
  Object.fromEntries(objects.filter((o) => o.kind === 'Role').map((o) => [o.metadata.namespace, o.rules]));
const clusterRules = (objects: RbacObject[]) => objects.find((o) => o.kind === 'ClusterRole')?.rules ?? [];

it('grants Istio, the running Consul and named Secrets only where they are; pods/proxy only where sampled', () => {
  const { objects } = clusterRbac(inventory());
  const byNs = roles(objects);
  expect(Object.keys(byNs).sort()).toEqual(['hashicorp', 'istio-system', 'shop', 'team-a']);
  expect(byNs.shop).toEqual([{ apiGroups: [''], resources: ['pods/proxy'], verbs: ['get'] }]);
  expect(byNs['team-a']).toEqual([
    { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['web-tls'] },
  ]);
  expect(byNs.hashicorp).toEqual([
    {
      apiGroups: [''],
      resources: ['services/proxy'],
      verbs: ['get'],
      resourceNames: ['c1-consul-server:8500'],
    },
  ]);
  expect(clusterRules(objects).some((r) => r.resources.includes('pods/proxy'))).toBe(false);
  expect(clusterRules(objects).some((r) => r.resources.includes('mutatingwebhookconfigurations'))).toBe(true);
  expect(clusterRules(objects).some((r) => r.apiGroups.includes('cert-manager.io'))).toBe(false);
});

it('with sampling off: no pods/proxy anywhere and no pods list for Istio alone', () => {
  const { objects } = clusterRbac(inventory({ sampling: false }));
  const all = JSON.stringify(objects);
  expect(all).not.toContain('pods/proxy');
  expect(clusterRules(objects).some((r) => r.resources.includes('pods'))).toBe(false);
});

it('nothing installed: no mesh Role at all, ConfigMaps and control-plane detection stay', () => {
  const { objects } = clusterRbac(
    inventory({ installations: [], istioRootCopies: 0, consulService: undefined, certManagerSecrets: [] }),
  );
  expect(roles(objects)).toEqual({});
  const resources = clusterRules(objects).flatMap((r) => r.resources);
  expect(resources).toEqual(expect.arrayContaining(['configmaps', 'deployments', 'statefulsets']));
  expect(resources).not.toContain('mutatingwebhookconfigurations');
});
