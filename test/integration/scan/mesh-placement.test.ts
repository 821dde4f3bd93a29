/**
 * Meshes found where they run, through the real CLI: SPIRE's bundle in `spire-system` is read
 * (one cluster-wide ConfigMap list by name); a running spire-server with no bundle anywhere is a
 * blind spot saying where certwatch looked; the Istio workload sample spreads over nodes, so the
 * one expiring certificate on the fifth pod of a namespace is found with 3 pods per namespace, the
 * report says how many pods were sampled of how many, and --no-workload-sampling scrapes none.
 */
import type { JsonReport } from '#domain/report';
import { type Simulator, startSimulator } from '#simulator';
import {
  istioHealthy,
  type ScenarioBundle,
  shopSidecars,
  spireInSpireSystem,
  spireWithoutBundle,
} from '#simulator/scenarios';
import { clusterOf, fingerprintOf, kubeconfigFor, removeDir, runCli, scanArgs, stopAll } from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
let bundles: ScenarioBundle[] = [];
let sims: Simulator[] = [];
let dir = '';
let kubeconfig = '';

async function withShop(): Promise<ScenarioBundle> {
  const istio = await istioHealthy(NOW);
  const shop = shopSidecars();
  return {
    ...istio,
    scenario: {
      ...istio.scenario,
      name: 'istio-shop',
      objects: [...istio.scenario.objects, ...shop.objects],
      proxies: [...(istio.scenario.proxies ?? []), ...shop.proxies],
    },
  };
}

async function scan(...extra: string[]): Promise<JsonReport> {
  const run = await runCli(scanArgs(kubeconfig, { contexts: sims.map((s) => s.name), now: NOW }, ...extra));
  if (run.code > 1) throw new Error(`scan exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as JsonReport;
}

beforeAll(async () => {
  bundles = [await spireInSpireSystem(NOW), spireWithoutBundle(), await withShop()];
  sims = await Promise.all(bundles.map((b) => startSimulator({ scenario: b.scenario })));
  const kube = await kubeconfigFor(sims.map((s) => s.context('admin')));
  dir = kube.dir;
  kubeconfig = kube.path;
}, 60_000);

afterAll(async () => {
  await stopAll(sims);
  if (dir) await removeDir(dir);
});

it('SPIRE bundle in spire-system is read; a running spire-server with no bundle is a blind spot', async () => {
  for (const sim of sims) sim.requests.length = 0;
  const report = await scan();
  const found = clusterOf(report, 'spire-system');
  const root = found.certificates.find(
    (c) => c.fingerprint === fingerprintOf(bundles[0]!.certs.spireRoot!.der),
  );
  expect(root?.sources).toEqual([
    { kind: 'ConfigMap', namespace: 'spire-system', name: 'spire-bundle', key: 'bundle.crt' },
  ]);
  expect(found.status).toBe('ok');
  const lists = sims[0]!.requests.filter(
    (r) => r.path === '/api/v1/configmaps' && r.query.fieldSelector === 'metadata.name=spire-bundle',
  );
  expect(lists).toHaveLength(1);

  const missing = clusterOf(report, 'spire-no-bundle');
  expect(missing.status).toBe('partial');
  const spots = missing.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots).toHaveLength(1);
  expect(spots[0]!.message).toContain('StatefulSet spire/spire-server runs');
  expect(spots[0]!.message).toContain('looked for ConfigMap */spire-bundle:bundle.crt');
  expect(spots[0]!.remediation).toContain('--spire-bundle');
}, 60_000);

it('--spire-bundle pins the namespace and name', async () => {
  const report = await scan('--spire-bundle', 'elsewhere/spire-bundle');
  const spots = clusterOf(report, 'spire-system').findings.filter((f) => f.rule === 'blind_spot');
  expect(spots.map((s) => s.message).join('\n')).toContain(
    'looked for ConfigMap elsewhere/spire-bundle:bundle.crt',
  );
}, 60_000);

it('the workload sample spreads over nodes: the expiring certificate on shop-4 is found, sample size reported', async () => {
  const sim = sims[2]!;
  sim.requests.length = 0;
  const cluster = clusterOf(await scan(), 'istio-shop');
  const expiring = cluster.findings.filter((f) => f.rule === 'workload_certificate_expiring');
  expect(expiring.map((f) => f.source?.name)).toEqual(['shop-4']);
  const sample = cluster.findings.find((f) => f.rule === 'workload_sample');
  expect(sample?.severity).toBe('info');
  // apps: 3 of 4, payments: 1 of 1, shop: 3 of 5 (one per node first, then round-robin).
  expect(sample?.message).toContain('read from 7 of 10 meshed pods in 3 namespaces');
  const scraped = sim.requests.filter((r) => r.path.includes('/pods/shop-')).map((r) => r.path.split('/')[6]);
  expect(scraped.sort()).toEqual(['shop-0:15020', 'shop-1:15020', 'shop-4:15020']);
}, 60_000);

it('--no-workload-sampling scrapes no pod', async () => {
  const sim = sims[2]!;
  sim.requests.length = 0;
  const cluster = clusterOf(await scan('--no-workload-sampling'), 'istio-shop');
  expect(sim.requests.filter((r) => r.path.includes('/proxy'))).toEqual([]);
  expect(cluster.findings.filter((f) => f.rule === 'workload_certificate_expiring')).toEqual([]);
}, 60_000);
