/**
 * `scan --consul-address URL` asks Consul itself, not through the API server: its reads are retried
 * like the API server's (a 503 with Retry-After, a reset connection) and lose nothing; a Consul that
 * keeps failing or refuses connections is a blind spot naming the address and the attempts, while
 * the rest of the cluster is reported. Through the real CLI against the simulator and a loopback
 * Consul HTTP server.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonReport } from '#domain/report';
import { type Simulator, startSimulator } from '#simulator';
import { istioHealthy, mergeBundles, type ScenarioBundle } from '#simulator/scenarios';
import { consulConnect } from '#simulator/scenarios/consul';
import { clusterOf, fingerprintOf, kubeconfigFor, removeDir, runCli, scanArgs, stopAll } from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
const ROOTS = '/v1/connect/ca/roots';
const PEERINGS = '/v1/peerings';

const json = (res: ServerResponse, body: string) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);

let bundle: ScenarioBundle;
let rootsBody = '';
let sims: Simulator[] = [];
let dir = '';
let kubeconfig = '';
const servers: Server[] = [];

type Answer = (n: number, res: ServerResponse) => void;

/**
 * A loopback Consul: the n-th request (from 1) for the roots is answered by `roots(n, res)`, the
 * n-th for the peerings by `peerings(n, res)` (by default: no peering, Consul's `null`).
 */
async function consul(roots: Answer, peerings: Answer = (_n, res) => json(res, 'null')) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    requests.push(path);
    const n = requests.filter((r) => r === path).length;
    if (path === ROOTS) roots(n, res);
    else if (path === PEERINGS) peerings(n, res);
    else res.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

beforeAll(async () => {
  const consulBundle = await consulConnect(NOW);
  const route = consulBundle.scenario.proxies![0]!;
  rootsBody = (await route.handler({ path: ROOTS } as Parameters<typeof route.handler>[0])) as string;
  // The cluster runs consul-server, but its Service is not proxied: only --consul-address reaches it.
  bundle = mergeBundles('consul-direct', await istioHealthy(NOW), {
    ...consulBundle,
    scenario: { ...consulBundle.scenario, proxies: [] },
  });
  sims = [await startSimulator({ scenario: bundle.scenario })];
  const kube = await kubeconfigFor(sims.map((s) => s.context('admin', s.name)));
  dir = kube.dir;
  kubeconfig = kube.path;
}, 60_000);

afterAll(async () => {
  await stopAll(sims);
  for (const server of servers) server.close();
  if (dir) await removeDir(dir);
});

const scan = async (address: string) => {
  const run = await runCli(scanArgs(kubeconfig, { now: NOW }, '--consul-address', address));
  return { ...run, cluster: clusterOf(JSON.parse(run.stdout) as JsonReport, 'consul-direct') };
};

it('two 503s (Retry-After) and a reset connection are retried, roots and peerings; every Consul certificate is reported', async () => {
  const flaky = await consul(
    (n, res) => {
      if (n <= 2) res.writeHead(503, { 'retry-after': '0' }).end('Consul is electing a leader');
      else if (n === 3) res.socket?.destroy();
      else json(res, rootsBody);
    },
    (n, res) => (n === 1 ? res.writeHead(429, { 'retry-after': '0' }).end() : json(res, 'null')),
  );
  const { cluster } = await scan(flaky.url);
  expect(flaky.requests).toEqual([ROOTS, ROOTS, ROOTS, ROOTS, PEERINGS, PEERINGS]);
  expect(cluster.sourceStatus?.consul).toBe('complete');
  expect(cluster.findings.filter((f) => f.rule === 'blind_spot')).toEqual([]);
  const seen = new Set(cluster.certificates.map((c) => c.fingerprint));
  for (const name of ['consulRoot', 'consulSigning', 'consulPreviousRoot'])
    expect(seen).toContain(fingerprintOf(bundle.certs[name]!.der));
  // The place is the address asked (its origin), not the in-cluster Service nobody asked.
  const root = cluster.certificates.find(
    (c) => c.fingerprint === fingerprintOf(bundle.certs['consulRoot']!.der),
  );
  expect(root?.sources).toEqual([
    { kind: 'ConsulCARoots', namespace: '', name: new URL(flaky.url).origin, key: 'Roots.RootCert' },
  ]);
}, 60_000);

it('a Consul that keeps answering 500: a blind spot after 5 attempts; Istio is still reported', async () => {
  const down = await consul((_n, res) => res.writeHead(500).end('internal error'));
  const { cluster } = await scan(down.url);
  expect(down.requests).toHaveLength(5);
  expect(cluster.status).toBe('partial');
  expect(cluster.sourceStatus?.consul).toBe('failed');
  expect(cluster.sourceStatus?.istio).toBe('complete');
  const spots = cluster.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots).toHaveLength(1);
  expect(spots[0]!.message).toContain('HTTP 500');
  expect(spots[0]!.message).toContain('after 5 attempts');
  expect(cluster.certificates.some((c) => c.mesh === 'istio')).toBe(true);
}, 60_000);

it('a Consul address nobody listens on: an unreachable blind spot naming the address', async () => {
  const closed = await consul(() => undefined);
  await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
  const { cluster } = await scan(closed.url);
  const spots = cluster.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots).toHaveLength(1);
  expect(spots[0]!.message).toContain(closed.url);
  expect(spots[0]!.message).toContain('ECONNREFUSED');
  expect(spots[0]!.message).toContain('after 5 attempts');
  expect(cluster.sourceStatus?.istio).toBe('complete');
}, 60_000);
