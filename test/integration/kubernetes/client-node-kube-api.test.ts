/** ClientNodeKubeApi against the loopback simulator: get, list, pagination, proxy, discovery, errors. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientNodeKubeApi } from '#adapters/kubernetes/client-node-kube-api';
import { type Simulator, startSimulator, writeKubeconfig } from '#simulator';
import { exampleScenario } from './example-scenario';

let sim: Simulator;
const dir = mkdtempSync(join(tmpdir(), 'certwatch-kube-'));

beforeAll(async () => {
  sim = await startSimulator({ scenario: exampleScenario('alpha') });
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sim.requests.length = 0;
  sim.faults.clear();
});

const client = (user = 'reader', timeoutMs?: number) =>
  ClientNodeKubeApi.fromEndpoint({
    cluster: 'alpha',
    endpoint: sim.url,
    caPem: sim.caPem,
    token: async () => sim.token(user),
    timeoutMs,
  });

describe('connections', () => {
  it('are kept open between requests, from an endpoint and from a kubeconfig', async () => {
    const path = join(dir, 'keep-alive.kubeconfig');
    await writeKubeconfig(path, [sim.context('reader')]);
    for (const api of [client(), ClientNodeKubeApi.fromKubeconfig({ kubeconfigPath: path })]) {
      const before = sim.connections;
      for (let i = 0; i < 20; i++) await api.get('/api/v1/namespaces/apps/configmaps/istio-ca-root-cert');
      await Promise.all(
        Array.from({ length: 20 }, () => api.get('/api/v1/namespaces/apps/configmaps/istio-ca-root-cert')),
      );
      // 40 requests: one connection for the sequential ones, at most 20 for the burst (was one each).
      expect(sim.connections - before).toBeLessThanOrEqual(21);
      expect(sim.connections - before).toBeGreaterThan(0);
    }
  });
});

describe('reads', () => {
  it('gets one object', async () => {
    const cm = await client().get<{ metadata: { name: string }; data: Record<string, string> }>(
      '/api/v1/namespaces/apps/configmaps/istio-ca-root-cert',
    );
    expect(cm.data['root-cert.pem']).toBe('root of apps');
  });

  it('lists cluster-wide with a field selector and fills in kind/apiVersion', async () => {
    const items = await client().list('/api/v1/configmaps', {
      fieldSelector: 'metadata.name=istio-ca-root-cert',
    });
    expect(items.map((i) => `${i.kind}/${i.metadata.namespace}/${i.metadata.name}`)).toEqual([
      'ConfigMap/apps/istio-ca-root-cert',
      'ConfigMap/istio-system/istio-ca-root-cert',
    ]);
  });

  it('lists one namespace with label selectors', async () => {
    const api = client();
    const web = await api.list('/api/v1/namespaces/apps/configmaps', { labelSelector: 'app in (web),tier' });
    expect(web.map((i) => i.metadata.name)).toEqual(['settings']);
    const notWeb = await api.list('/api/v1/namespaces/apps/configmaps', { labelSelector: 'app!=web' });
    expect(notWeb.map((i) => i.metadata.name)).toEqual(['istio-ca-root-cert']);
  });

  it('follows continue: 2,000 ConfigMaps in 40 namespaces with limit 500 take 4 list calls', async () => {
    const big = await startSimulator({ rbac: false });
    try {
      for (let i = 0; i < 2000; i += 1) {
        big.put({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `cm-${i}`, namespace: `ns-${i % 40}` },
        });
      }
      const api = ClientNodeKubeApi.fromEndpoint({
        cluster: 'big',
        endpoint: big.url,
        caPem: big.caPem,
        token: async () => big.token('admin'),
      });
      const items = await api.list('/api/v1/configmaps', { pageSize: 500 });
      expect(items).toHaveLength(2000);
      expect(new Set(items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).size).toBe(2000);
      const calls = big.requests.filter((r) => r.path === '/api/v1/configmaps');
      expect(calls.map((r) => r.query.limit)).toEqual(['500', '500', '500', '500']);
      expect(calls.filter((r) => r.query.continue)).toHaveLength(3);
    } finally {
      await big.stop();
    }
  });

  it('GETs through the pod proxy', async () => {
    const text = await client().proxyGet('/api/v1/namespaces/apps/pods/web-1:15020/proxy/stats/prometheus');
    expect(text).toContain('citadel_server_root_cert_expiry_timestamp');
  });

  it('reports the served group/versions, CRD groups only once installed', async () => {
    const before = await client().groupVersions();
    expect(before.has('v1')).toBe(true);
    expect(before.has('admissionregistration.k8s.io/v1')).toBe(true);
    expect(before.has('cert-manager.io/v1')).toBe(false);
    const withCrds = await startSimulator({ crds: ['cert-manager.io'], rbac: false });
    try {
      const api = ClientNodeKubeApi.fromEndpoint({
        cluster: 'crd',
        endpoint: withCrds.url,
        caPem: withCrds.caPem,
        token: async () => withCrds.token('admin'),
      });
      expect((await api.groupVersions()).has('cert-manager.io/v1')).toBe(true);
      expect(await api.list('/apis/cert-manager.io/v1/certificates')).toEqual([]);
    } finally {
      await withCrds.stop();
    }
  });

  it('asks the server for discovery once per client, however many sources ask', async () => {
    const api = client();
    const answers = await Promise.all([api.groupVersions(), api.groupVersions(), api.groupVersions()]);
    await api.groupVersions();
    expect(answers.every((versions) => versions.has('v1'))).toBe(true);
    expect(sim.requests.filter((r) => r.path === '/api')).toHaveLength(1);
    expect(sim.requests.filter((r) => r.path === '/apis')).toHaveLength(1);
  });

  it('uses a kubeconfig context (several simulators in one file)', async () => {
    const beta = await startSimulator({ scenario: { ...exampleScenario('beta'), objects: [] } });
    try {
      const path = join(dir, 'kubeconfig');
      await writeKubeconfig(path, [sim.context('reader', 'ctx-alpha'), beta.context('admin', 'ctx-beta')]);
      const alpha = ClientNodeKubeApi.fromKubeconfig({ kubeconfigPath: path, context: 'ctx-alpha' });
      const b = ClientNodeKubeApi.fromKubeconfig({ kubeconfigPath: path, context: 'ctx-beta' });
      expect(alpha.cluster).toBe('ctx-alpha');
      expect(await alpha.list('/api/v1/namespaces')).toHaveLength(2);
      expect(await b.list('/api/v1/namespaces')).toHaveLength(0);
      expect(beta.requests.map((r) => r.user)).toEqual(['admin']);
      expect(() => ClientNodeKubeApi.fromKubeconfig({ kubeconfigPath: path, context: 'nope' })).toThrow(
        /no context "nope"/,
      );
    } finally {
      await beta.stop();
    }
  });
});
