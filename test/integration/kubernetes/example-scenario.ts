/** A tiny scenario for the simulator's own tests: two namespaces, ConfigMaps, a Secret, RBAC. */
import type { Scenario, SimObject } from '#simulator';

const ns = (name: string): SimObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const cm = (namespace: string, name: string, labels?: Record<string, string>): SimObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, ...(labels ? { labels } : {}) },
  data: { 'root-cert.pem': `root of ${namespace}` },
});

/** Users: `reader` (ConfigMaps everywhere, Secret `cacerts` by name only), `nobody` (no grants). */
export function exampleScenario(name = 'example'): Scenario {
  return {
    name,
    users: [{ name: 'reader', groups: ['certwatch'] }, { name: 'nobody' }],
    objects: [
      ns('istio-system'),
      ns('apps'),
      cm('istio-system', 'istio-ca-root-cert', { app: 'istio' }),
      cm('apps', 'istio-ca-root-cert', { app: 'istio' }),
      cm('apps', 'settings', { app: 'web', tier: 'front' }),
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'cacerts', namespace: 'istio-system' },
        type: 'Opaque',
        data: { 'ca-cert.pem': Buffer.from('ca').toString('base64') },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web-1', namespace: 'apps' },
        status: { phase: 'Running' },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'certwatch' },
        rules: [
          { apiGroups: [''], resources: ['configmaps', 'namespaces', 'pods'], verbs: ['get', 'list'] },
          { apiGroups: [''], resources: ['pods/proxy'], verbs: ['get'] },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'certwatch' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'certwatch' },
        subjects: [{ kind: 'Group', name: 'certwatch', apiGroup: 'rbac.authorization.k8s.io' }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'certwatch-ca', namespace: 'istio-system' },
        rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['cacerts'], verbs: ['get'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'certwatch-ca', namespace: 'istio-system' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'certwatch-ca' },
        subjects: [{ kind: 'User', name: 'reader', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    ],
    proxies: [
      {
        kind: 'pod',
        namespace: 'apps',
        name: 'web-1',
        port: 15020,
        handler: (req) =>
          req.path === '/stats/prometheus'
            ? '# TYPE citadel_server_root_cert_expiry_timestamp gauge\n'
            : { status: 404, body: 'no' },
      },
    ],
  };
}
