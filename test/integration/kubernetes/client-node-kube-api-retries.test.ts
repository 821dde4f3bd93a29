/**
 * ClientNodeKubeApi retries against the simulator's faults: a one-off 429/500/410/cut body/reset/
 * slow answer loses nothing; permanent faults fail after bounded attempts; 401/403/404 are asked
 * once; workload-controlled bodies are capped and error text cut and cleaned.
 */
import { ClientNodeKubeApi } from '#adapters/kubernetes/client-node-kube-api';
import { retryPolicy } from '#adapters/kubernetes/retry-policy';
import { type Simulator, startSimulator } from '#simulator';
import { exampleScenario } from './example-scenario';
import { failureOf } from './kube-failure';

let sim: Simulator;
let waits: number[] = [];

beforeAll(async () => {
  sim = await startSimulator({ scenario: exampleScenario('alpha') });
});
afterAll(() => sim.stop());
beforeEach(() => {
  sim.requests.length = 0;
  sim.faults.clear();
  waits = [];
});

// Sleeps are recorded (and kept short) so the test is fast and the delays can be checked.
const retry = retryPolicy({
  sleep: async (ms) => {
    waits.push(ms);
  },
  random: () => 0.5,
});
const api = (timeoutMs = 2000) =>
  ClientNodeKubeApi.fromEndpoint({
    cluster: 'alpha',
    endpoint: sim.url,
    caPem: sim.caPem,
    token: async () => sim.token('admin'),
    timeoutMs,
    retry,
  });

const CACERTS = '/api/v1/namespaces/istio-system/secrets/cacerts';
const PROXY = '/api/v1/namespaces/apps/pods/web-1:15020/proxy/stats/prometheus';
const hits = (path: string) => sim.requests.filter((r) => r.path === path).length;

it('429 with Retry-After: waits exactly that long, then reads', async () => {
  sim.faults.add({ path: CACERTS, status: 429, retryAfter: '2', times: 1 });
  expect((await api().get(CACERTS)).metadata.name).toBe('cacerts');
  expect([hits(CACERTS), waits]).toEqual([2, [2000]]);
});

it('one-off 500, cut body, reset, garbage JSON and slow answer: each read still succeeds', async () => {
  const faults = [
    { status: 500 },
    { connection: 'truncate' as const },
    { connection: 'reset' as const },
    { body: '{"kind": "Secr' },
    { delayMs: 3000 },
  ];
  for (const fault of faults) {
    sim.faults.clear();
    sim.requests.length = 0;
    sim.faults.add({ path: CACERTS, times: 1, ...fault });
    const secret = await api(500).get(CACERTS);
    expect([JSON.stringify(fault), secret.metadata.name, hits(CACERTS)]).toEqual([
      JSON.stringify(fault),
      'cacerts',
      2,
    ]);
  }
});

it('503 always: fails after 5 attempts with full-jitter backoff', async () => {
  sim.faults.add({ path: CACERTS, status: 503 });
  const error = await failureOf(api().get(CACERTS));
  expect([error.status, error.reason]).toEqual([503, 'server_error']);
  expect(error.message).toContain('after 5 attempts');
  expect(hits(CACERTS)).toBe(5);
  expect(waits).toEqual([125, 250, 500, 1000]);
});

it('401, 403 and 404 are asked once', async () => {
  for (const status of [401, 403, 404]) {
    sim.requests.length = 0;
    sim.faults.clear();
    sim.faults.add({ path: CACERTS, status });
    const error = await failureOf(api().get(CACERTS));
    expect([error.status, hits(CACERTS)]).toEqual([status, 1]);
  }
  expect(waits).toEqual([]);
});

it('410 on a continue token: the list restarts from the start and is complete', async () => {
  sim.faults.add({ path: '/api/v1/configmaps', withQuery: 'continue', status: 410, times: 1 });
  const items = await api().list('/api/v1/configmaps', { pageSize: 1 });
  expect(items.map((c) => c.metadata.name).sort()).toEqual([
    'istio-ca-root-cert',
    'istio-ca-root-cert',
    'settings',
  ]);
  const pages = sim.requests.filter((r) => r.path === '/api/v1/configmaps');
  expect(pages.map((r) => (r.query.continue ? 'next' : 'first'))).toEqual([
    'first',
    'next', // 410
    'first',
    'next',
    'next',
  ]);
});

it('410 on every continue: gives up after two restarts', async () => {
  sim.faults.add({ path: '/api/v1/configmaps', withQuery: 'continue', status: 410 });
  const error = await failureOf(api().list('/api/v1/configmaps', { pageSize: 1 }));
  expect([error.status, error.reason]).toEqual([410, 'server_error']);
  expect(error.message).toContain('list restarted 2 times');
  expect(sim.requests.filter((r) => !r.query.continue && r.path === '/api/v1/configmaps')).toHaveLength(3);
});

it('a 1 MB error body with escape sequences: the message is cut and has no control character', async () => {
  const body = `\u001b[31mred\u001b[0m\r\n${'x'.repeat(1024 * 1024)}`;
  sim.faults.add({ path: CACERTS, status: 400, body });
  const error = await failureOf(api().get(CACERTS));
  expect(error.message.length).toBeLessThan(500);
  expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  expect(error.message).toContain('HTTP 400: [31mred [0m xxx');
});

it('a proxied body over 1 MiB fails as bad_data at once; an endless one too', async () => {
  sim.faults.add({ path: PROXY, body: 'y'.repeat(2 * 1024 * 1024), times: 1 });
  const large = await failureOf(api().proxyGet(PROXY));
  expect(large.reason).toBe('bad_data');
  expect(large.message).toContain('larger than 1048576 bytes');
  sim.faults.add({ path: PROXY, connection: 'endless', times: 1 });
  const endless = await failureOf(api().proxyGet(PROXY));
  expect(endless.reason).toBe('bad_data');
  expect(hits(PROXY)).toBe(2);
  expect(await api().proxyGet(PROXY)).toContain('citadel_server_root_cert_expiry_timestamp');
});

describe('a streamed workload body (proxyLines)', () => {
  const GAUGE = '# TYPE citadel_server_root_cert_expiry_timestamp';
  const filter = { keep: (line: string) => line.startsWith('wanted '), maxKept: 1 };
  const scraper = () =>
    ClientNodeKubeApi.fromEndpoint({
      cluster: 'alpha',
      endpoint: sim.url,
      caPem: sim.caPem,
      token: async () => sim.token('admin'),
      timeoutMs: 1000,
      maxScrapeBytes: 1024 * 1024,
      retry,
    });

  it('keeps the wanted line of a normal body', async () => {
    const kept = await scraper().proxyLines(PROXY, { keep: (l) => l.startsWith(GAUGE), maxKept: 1 });
    expect(kept.lines).toHaveLength(1);
    expect(kept.truncated).toBe(false);
  });

  it('finds a line after many others and skips a line longer than 64 KiB without failing', async () => {
    const body = `${'noise 1\n'.repeat(50_000)}${'z'.repeat(200 * 1024)}\nwanted 42\n`;
    sim.faults.add({ path: PROXY, body, times: 1 });
    expect(await scraper().proxyLines(PROXY, filter)).toEqual({
      lines: ['wanted 42'],
      truncated: false,
      overlongLines: 1,
    });
  });

  it('stops at the byte cap of an endless body, once (no retry)', async () => {
    sim.faults.add({ path: PROXY, connection: 'endless', stream: { chunk: 'noise 1\n'.repeat(1000) } });
    const kept = await scraper().proxyLines(PROXY, filter);
    expect(kept).toMatchObject({ lines: [], truncated: true });
    expect(hits(PROXY)).toBe(1);
  });

  it('gives up on a body still trickling at the request timeout, without retrying', async () => {
    sim.faults.add({ path: PROXY, connection: 'endless', stream: { chunk: 'x', intervalMs: 50 } });
    const error = await failureOf(scraper().proxyLines(PROXY, filter));
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain('body not finished within 1000 ms');
    expect(hits(PROXY)).toBe(1);
  });

  it('retries a cut body and a 503 like any read', async () => {
    sim.faults.add({ path: PROXY, connection: 'truncate', times: 1 });
    sim.faults.add({ path: PROXY, status: 503, times: 1 });
    const kept = await scraper().proxyLines(PROXY, { keep: (l) => l.startsWith(GAUGE), maxKept: 1 });
    expect(kept.lines).toHaveLength(1);
    expect(hits(PROXY)).toBe(3);
  });
});
