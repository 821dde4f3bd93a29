/** ClientNodeKubeApi error classification against the simulator (one attempt): every reason code, named cluster and path. */
import { createServer } from 'node:net';
import { ClientNodeKubeApi } from '#adapters/kubernetes/client-node-kube-api';
import { reasonForStatus } from '#adapters/kubernetes/kube-request';
import { retryPolicy } from '#adapters/kubernetes/retry-policy';
import { type Simulator, startSimulator } from '#simulator';
import { exampleScenario } from './example-scenario';
import { failureOf } from './kube-failure';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ scenario: exampleScenario('alpha') });
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.requests.length = 0;
  sim.faults.clear();
});

// One attempt: these tests pin the classification; retries have their own test.
const retry = retryPolicy({ maxAttempts: 1 });
const client = (token: () => Promise<string>, timeoutMs?: number, endpoint = sim.url, caPem = sim.caPem) =>
  ClientNodeKubeApi.fromEndpoint({ cluster: 'alpha', endpoint, caPem, token, timeoutMs, retry });
const as = (user: string, timeoutMs?: number) => client(async () => sim.token(user), timeoutMs);

const CACERTS = '/api/v1/namespaces/istio-system/secrets/cacerts';

it('401 → unauthorized, for an unknown token', async () => {
  const error = await failureOf(client(async () => 'forged').get(CACERTS));
  expect([error.status, error.reason]).toEqual([401, 'unauthorized']);
  expect(error.message).toContain(`cluster "alpha": GET ${CACERTS}: HTTP 401: Unauthorized`);
});

it('403 → permission_denied, with the real Forbidden message', async () => {
  const error = await failureOf(as('nobody').get(CACERTS));
  expect([error.status, error.reason]).toEqual([403, 'permission_denied']);
  expect(error.message).toContain(
    'secrets "cacerts" is forbidden: User "nobody" cannot get resource "secrets" in API group "" in the namespace "istio-system"',
  );
});

it('resourceNames grant get but not list', async () => {
  const secret = await as('reader').get(CACERTS);
  expect(secret.metadata.name).toBe('cacerts');
  const error = await failureOf(as('reader').list('/api/v1/namespaces/istio-system/secrets'));
  expect(error.reason).toBe('permission_denied');
  expect(error.message).toContain(
    'cannot list resource "secrets" in API group "" in the namespace "istio-system"',
  );
  const other = await failureOf(as('reader').get('/api/v1/namespaces/apps/secrets/cacerts'));
  expect(other.reason).toBe('permission_denied');
});

it('RBAC off: any known token reads everything', async () => {
  sim.rbac = false;
  try {
    expect(await as('nobody').list('/api/v1/secrets')).toHaveLength(1);
  } finally {
    sim.rbac = true;
  }
});

it('404 → not_found', async () => {
  const error = await failureOf(as('reader').get('/api/v1/namespaces/apps/configmaps/missing'));
  expect([error.status, error.reason]).toEqual([404, 'not_found']);
  expect(error.message).toContain('configmaps "missing" not found');
  const crd = await failureOf(as('reader').list('/apis/cert-manager.io/v1/certificates'));
  expect(crd.reason).toBe('not_found');
});

it('500 and 503 faults → server_error; faults with `times` expire', async () => {
  sim.faults.add({ path: '/api/v1/configmaps', status: 500, times: 1 });
  const error = await failureOf(as('reader').list('/api/v1/configmaps'));
  expect([error.status, error.reason]).toEqual([500, 'server_error']);
  expect(await as('reader').list('/api/v1/configmaps')).toHaveLength(3);
  sim.faults.add({ path: /\/proxy\//, status: 503 });
  const proxy = await failureOf(
    as('reader').proxyGet('/api/v1/namespaces/apps/pods/web-1:15020/proxy/stats/prometheus'),
  );
  expect(proxy.reason).toBe('server_error');
});

it('a proxied port without a handler → server_error (503 dial error)', async () => {
  const error = await failureOf(
    as('reader').proxyGet('/api/v1/namespaces/apps/pods/web-1:4191/proxy/metrics'),
  );
  expect([error.status, error.reason]).toEqual([503, 'server_error']);
});

it('garbage JSON → bad_data', async () => {
  sim.faults.add({ path: '/api/v1/namespaces/apps/configmaps*', body: '{"items": [' });
  const error = await failureOf(as('reader').list('/api/v1/namespaces/apps/configmaps'));
  expect(error.reason).toBe('bad_data');
  expect(error.message).toMatch(
    /cluster "alpha": GET \/api\/v1\/namespaces\/apps\/configmaps\?limit=500: response is not JSON/,
  );
});

it('a slow server → timeout after the per-request timeout', async () => {
  sim.faults.add({ path: CACERTS, delayMs: 5000 });
  const started = Date.now();
  const error = await failureOf(as('reader', 200).get(CACERTS));
  expect(error.reason).toBe('timeout');
  expect(error.message).toContain('timed out after 200 ms');
  expect(Date.now() - started).toBeLessThan(2000);
});

it('an aborted signal → timeout (cancelled)', async () => {
  sim.faults.add({ path: CACERTS, delayMs: 5000 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const error = await failureOf(as('reader').get(CACERTS, { signal: controller.signal }));
  expect(error.reason).toBe('timeout');
  expect(error.message).toContain('cancelled');
});

it('connection refused → unreachable', async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as { port: number };
      probe.close(() => resolve(p));
    });
  });
  const api = client(async () => 'x', 2000, `https://127.0.0.1:${port}`);
  const error = await failureOf(api.list('/api/v1/configmaps'));
  expect(error.reason).toBe('unreachable');
  expect(error.message).toContain('ECONNREFUSED');
});

it('a server certificate from another CA → unreachable', async () => {
  const other = await startSimulator({ freshCa: true });
  try {
    const api = client(async () => other.token('admin'), 2000, other.url, sim.caPem);
    const error = await failureOf(api.groupVersions());
    expect(error.reason).toBe('unreachable');
  } finally {
    await other.stop();
  }
});

it('a failing token provider → unauthorized without a request', async () => {
  const api = client(async () => {
    throw new Error('no AWS credentials');
  });
  const error = await failureOf(api.get(CACERTS));
  expect(error.reason).toBe('unauthorized');
  expect(error.message).toContain('no AWS credentials');
  expect(sim.requests).toHaveLength(0);
});

it('maps every HTTP status to a stable reason', () => {
  const table: [number, string][] = [
    [401, 'unauthorized'],
    [403, 'permission_denied'],
    [404, 'not_found'],
    [410, 'server_error'],
    [429, 'server_error'],
    [500, 'server_error'],
    [503, 'server_error'],
    [400, 'bad_data'],
    [405, 'bad_data'],
  ];
  expect(table.map(([code]) => [code, reasonForStatus(code)])).toEqual(table);
});
