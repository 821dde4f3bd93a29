/** The simulator's own contract, over raw HTTPS: Status shapes, selectors, RBAC details, proxies, hooks. */
import { request } from 'node:https';
import { type Simulator, startSimulator } from '#simulator';
import { exampleScenario } from './example-scenario';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    scenario: exampleScenario('alpha'),
    authenticate: (token) =>
      token.startsWith('k8s-aws-v1.') ? { name: 'eks-user', groups: ['certwatch'] } : undefined,
    proxies: [
      {
        kind: 'service',
        namespace: 'apps',
        name: 'consul-server',
        port: 8501,
        scheme: 'https',
        handler: (req) => ({
          body: JSON.stringify({ path: req.path, dc: req.query.get('dc') }),
          contentType: 'application/json',
        }),
      },
    ],
    objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'consul-server', namespace: 'apps' } }],
  });
});
afterAll(() => sim.stop());

function get(
  path: string,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = token ? { Authorization: `Bearer ${token}` } : undefined;
    const req = request(`${sim.url}${path}`, { ca: sim.caPem, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => {
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // proxied text bodies are not JSON
        }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
const admin = () => sim.token('admin');
const names = (json: Record<string, unknown>) =>
  (json.items as { metadata: { namespace?: string; name: string } }[]).map((i) => i.metadata.name);

it('answers 401 with a Status object when the token is missing or unknown', async () => {
  for (const token of [undefined, 'wrong']) {
    const { status, json } = await get('/api/v1/namespaces', token);
    expect(status).toBe(401);
    expect(json).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Unauthorized',
      code: 401,
    });
  }
});

it('accepts tokens through the custom validation hook (EKS-style)', async () => {
  const { status } = await get('/api/v1/configmaps', 'k8s-aws-v1.aHR0cHM6Ly9zdHM');
  expect(status).toBe(200);
  expect(sim.requests.at(-1)?.user).toBe('eks-user');
});

it('serves discovery for the groups present only', async () => {
  const apis = await get('/apis', admin());
  const groups = (apis.json.groups as { name: string }[]).map((g) => g.name);
  expect(groups).toEqual(
    expect.arrayContaining(['admissionregistration.k8s.io', 'rbac.authorization.k8s.io']),
  );
  expect(groups).not.toContain('cert-manager.io');
  const v1 = await get('/api/v1', admin());
  const resources = (v1.json.resources as { name: string }[]).map((r) => r.name);
  expect(resources).toEqual(
    expect.arrayContaining(['configmaps', 'secrets', 'pods/proxy', 'services/proxy']),
  );
  expect((await get('/apis/cert-manager.io/v1', admin())).status).toBe(404);
  expect((await get('/version', sim.token('nobody'))).json.major).toBe('1');
});

it('filters with field selectors (!=, comma-AND, secret type) and rejects unknown fields', async () => {
  const q = encodeURIComponent('metadata.name=istio-ca-root-cert,metadata.namespace!=apps');
  const cm = await get(`/api/v1/configmaps?fieldSelector=${q}`, admin());
  expect((cm.json.items as { metadata: { namespace: string } }[]).map((i) => i.metadata.namespace)).toEqual([
    'istio-system',
  ]);
  expect(names((await get('/api/v1/secrets?fieldSelector=type%3DOpaque', admin())).json)).toEqual([
    'cacerts',
  ]);
  expect(names((await get('/api/v1/secrets?fieldSelector=type%3Dkubernetes.io/tls', admin())).json)).toEqual(
    [],
  );
  const bad = await get('/api/v1/configmaps?fieldSelector=data.x%3Dy', admin());
  expect(bad.status).toBe(400);
  expect(bad.json.message).toBe('field label not supported: data.x');
});

it('filters with label selectors (==, exists, !exists, notin)', async () => {
  const sel = async (s: string) =>
    names((await get(`/api/v1/configmaps?labelSelector=${encodeURIComponent(s)}`, admin())).json);
  expect(await sel('app==web')).toEqual(['settings']);
  expect(await sel('tier')).toEqual(['settings']);
  expect(await sel('!tier')).toEqual(['istio-ca-root-cert', 'istio-ca-root-cert']);
  expect(await sel('app notin (istio)')).toEqual(['settings']);
});

it('paginates with an opaque continue token and list metadata', async () => {
  const first = await get('/api/v1/configmaps?limit=2', admin());
  const meta = first.json.metadata as {
    continue: string;
    resourceVersion: string;
    remainingItemCount: number;
  };
  expect(names(first.json)).toHaveLength(2);
  expect(meta.remainingItemCount).toBe(1);
  expect(Number(meta.resourceVersion)).toBeGreaterThan(0);
  const second = await get(`/api/v1/configmaps?limit=2&continue=${meta.continue}`, admin());
  expect(names(second.json)).toEqual(['istio-ca-root-cert']);
  expect((second.json.metadata as { continue?: string }).continue).toBeUndefined();
  expect((await get('/api/v1/configmaps?continue=garbage', admin())).status).toBe(400);
});

it('names the API group and the cluster scope in Forbidden messages', async () => {
  const list = await get('/api/v1/secrets', sim.token('nobody'));
  expect(list.status).toBe(403);
  expect(list.json.message).toBe(
    'secrets is forbidden: User "nobody" cannot list resource "secrets" in API group "" at the cluster scope',
  );
  const hooks = await get(
    '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/x',
    sim.token('reader'),
  );
  expect(hooks.json.message).toBe(
    'mutatingwebhookconfigurations.admissionregistration.k8s.io "x" is forbidden: User "reader" cannot get resource "mutatingwebhookconfigurations" in API group "admissionregistration.k8s.io" at the cluster scope',
  );
});

it('checks pods/proxy as a subresource and routes service proxies by scheme and port', async () => {
  const path = '/api/v1/namespaces/apps/pods/web-1:15020/proxy/stats/prometheus';
  expect((await get(path, sim.token('reader'))).status).toBe(200);
  const denied = await get(path, sim.token('nobody'));
  expect(denied.json.message).toContain('cannot get resource "pods/proxy"');
  const svc = await get(
    '/api/v1/namespaces/apps/services/https:consul-server:8501/proxy/v1/connect/ca/roots?dc=dc1',
    admin(),
  );
  expect(svc.json).toEqual({ path: '/v1/connect/ca/roots', dc: 'dc1' });
  expect(
    (await get('/api/v1/namespaces/apps/services/http:consul-server:8501/proxy/x', admin())).status,
  ).toBe(503);
  expect((await get('/api/v1/namespaces/apps/pods/gone:15020/proxy/x', admin())).status).toBe(404);
});

it('reflects put and delete (a rotation between scans)', async () => {
  const path = '/api/v1/namespaces/apps/configmaps/settings';
  const before = await get(path, admin());
  sim.put({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'apps' },
    data: { v: '2' },
  });
  const after = await get(path, admin());
  expect(after.json.data).toEqual({ v: '2' });
  expect(Number((after.json.metadata as { resourceVersion: string }).resourceVersion)).toBeGreaterThan(
    Number((before.json.metadata as { resourceVersion: string }).resourceVersion),
  );
  expect(sim.delete({ kind: 'ConfigMap', namespace: 'apps', name: 'settings' })).toBe(true);
  const gone = await get(path, admin());
  expect(gone.status).toBe(404);
  expect(gone.json).toMatchObject({ reason: 'NotFound', message: 'configmaps "settings" not found' });
});

it('refuses objects it cannot place', () => {
  expect(() => sim.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'no-ns' } })).toThrow(
    /needs a namespace/,
  );
  expect(() => sim.put({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(
    /unknown kind/,
  );
});
