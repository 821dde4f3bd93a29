/**
 * Faults and RBAC through the real CLI: a 403, a garbage Secret and a garbage API answer, a 500
 * and a timeout each leave every other source reported and say what could not be read; with
 * exactly the RBAC `certwatch rbac --from-cluster` prints, a default scan reads everything (no
 * blind spots).
 */
import type { JsonReport } from '#domain/report';
import { type Fault, type Simulator, startSimulator } from '#simulator';
import {
  certManagerAndConsul,
  forbiddenNamespace,
  istioGarbageSecret,
  istioHealthy,
  linkerdMidRotation,
  mergeBundles,
  SCANNER,
  type ScenarioBundle,
} from '#simulator/scenarios';
import {
  clusterOf,
  fingerprintOf,
  kubeconfigFor,
  rbacFromCluster,
  removeDir,
  runCli,
  scanArgs,
  stopAll,
} from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');

interface Cluster {
  readonly bundle: ScenarioBundle;
  readonly user: string;
  readonly faults?: Fault[];
}

let clusters: Record<string, Cluster> = {};
let sims: Simulator[] = [];
let dir = '';
let report: JsonReport;
let run: { code: number; stdout: string; stderr: string };

/** The scanner user, whose RBAC `certwatch rbac --from-cluster` prints once the cluster runs. */
const scannerUser: ScenarioBundle = {
  scenario: { name: 'rbac', objects: [], users: [SCANNER] },
  canaries: [],
  certs: {},
};

const named = (name: string, bundle: ScenarioBundle): ScenarioBundle => ({
  ...bundle,
  scenario: { ...bundle.scenario, name },
});

beforeAll(async () => {
  const istioLinkerd = async () => mergeBundles('x', await istioHealthy(NOW), await linkerdMidRotation(NOW));
  clusters = {
    forbidden403: {
      bundle: named('forbidden403', await istioLinkerd()),
      user: 'admin',
      faults: [{ path: '/api/v1/namespaces/linkerd/secrets/linkerd-identity-issuer', status: 403 }],
    },
    garbage: {
      bundle: mergeBundles('garbage', await istioGarbageSecret(NOW), await linkerdMidRotation(NOW)),
      user: 'admin',
      faults: [{ path: '/api/v1/namespaces/linkerd/configmaps/linkerd-config', body: '<html>not json' }],
    },
    server500: {
      bundle: mergeBundles('server500', await istioHealthy(NOW), await certManagerAndConsul(NOW)),
      user: 'admin',
      faults: [{ path: '/apis/cert-manager.io/v1/certificates', status: 500 }],
    },
    timeout: {
      bundle: named('timeout', await istioLinkerd()),
      user: 'admin',
      faults: [{ path: /\/pods\/web-1(:|%3A)4191\/proxy/, delayMs: 8000 }],
    },
    rbacFull: {
      bundle: mergeBundles(
        'rbacFull',
        await istioHealthy(NOW),
        await linkerdMidRotation(NOW),
        await certManagerAndConsul(NOW),
        scannerUser,
      ),
      user: 'certwatch',
    },
    rbacForbidden: { bundle: named('rbacForbidden', await forbiddenNamespace(NOW)), user: 'certwatch' },
  };
  sims = await Promise.all(
    Object.values(clusters).map((c) =>
      startSimulator({ scenario: c.bundle.scenario, faults: c.faults ?? [] }),
    ),
  );
  const names = Object.keys(clusters);
  const full = sims[names.indexOf('rbacFull')]!;
  for (const object of (await rbacFromCluster(full)).objects) full.put(object);
  full.requests.length = 0;
  const kube = await kubeconfigFor(sims.map((s, i) => s.context(clusters[names[i]!]!.user, s.name)));
  dir = kube.dir;
  run = await runCli(
    scanArgs(kube.path, { contexts: sims.map((s) => s.name), now: NOW }, '--request-timeout', '3'),
  );
  report = JSON.parse(run.stdout) as JsonReport;
}, 150_000);

afterAll(async () => {
  await stopAll(sims);
  if (dir) await removeDir(dir);
});

const fps = (cluster: string) => new Set(clusterOf(report, cluster).certificates.map((c) => c.fingerprint));
const fp = (cluster: string, name: string) => fingerprintOf(clusters[cluster]!.bundle.certs[name]!.der);
const blindSpots = (cluster: string) =>
  clusterOf(report, cluster).findings.filter((f) => f.rule === 'blind_spot');

it('a 403 on the Linkerd issuer Secret: named as a blind spot, everything else reported', () => {
  expect(clusterOf(report, 'forbidden403').status).toBe('partial');
  const spots = blindSpots('forbidden403');
  expect(spots).toHaveLength(1);
  expect(spots[0]!.source).toMatchObject({
    kind: 'Secret',
    namespace: 'linkerd',
    name: 'linkerd-identity-issuer',
  });
  expect(spots[0]!.message).toContain('permission_denied');
  for (const name of ['root', 'intermediate', 'oldAnchor', 'newAnchor', 'issuer', 'injector']) {
    expect(fps('forbidden403').has(fp('forbidden403', name))).toBe(true); // issuer still seen in linkerd-config
  }
});

it('a garbage Secret key and a garbage API answer: reported, the rest still read', () => {
  const cluster = clusterOf(report, 'garbage');
  expect(cluster.errors.some((e) => e.source?.name === 'cacerts' && e.source.key === 'ca-cert.pem')).toBe(
    true,
  );
  const spots = blindSpots('garbage');
  expect(spots.map((s) => s.source?.name)).toEqual(['linkerd-config']);
  expect(spots[0]!.message).toContain('bad_data');
  for (const name of ['root', 'intermediate', 'oldAnchor', 'newAnchor', 'issuer'])
    expect(fps('garbage').has(fp('garbage', name))).toBe(true);
});

it('a 500 on cert-manager Certificates: blind spot, issuers, Consul and Istio still reported', () => {
  const spots = blindSpots('server500');
  expect(spots).toHaveLength(1);
  expect(spots[0]!.message).toContain('server_error');
  const rules = clusterOf(report, 'server500').findings.map((f) => f.rule);
  expect(rules).toContain('ca_issuer_expired_but_ready');
  for (const name of ['root', 'intermediate', 'consulRoot', 'consulSigning', 'ca', 'orgRoot']) {
    expect(fps('server500').has(fp('server500', name))).toBe(true);
  }
});

it('a proxy scrape that times out: blind spot for that pod only', () => {
  const spots = blindSpots('timeout');
  expect(spots).toHaveLength(1);
  expect(spots[0]!.source).toMatchObject({ kind: 'Pod', namespace: 'emojivoto', name: 'web-1' });
  expect(spots[0]!.message).toContain('timeout');
  expect(fps('timeout').size).toBe(7);
});

it('with exactly the RBAC `certwatch rbac --from-cluster` prints, a default scan has no blind spot', () => {
  const cluster = clusterOf(report, 'rbacFull');
  expect(blindSpots('rbacFull')).toEqual([]);
  expect(cluster.status).toBe('ok');
  for (const name of [
    'root',
    'intermediate',
    'oldAnchor',
    'newAnchor',
    'issuer',
    'injector',
    'consulRoot',
    'ca',
    'orgRoot',
  ]) {
    expect(fps('rbacFull').has(fp('rbacFull', name))).toBe(true);
  }
  const sim = sims.find((s) => s.name === 'rbacFull')!;
  expect(sim.requests.filter((r) => r.status === 403)).toEqual([]);
  expect(sim.requests.every((r) => r.user === 'certwatch')).toBe(true);
  expect(sim.store.ofKind('ClusterRole').map((r) => r.metadata.name)).toEqual(['certwatch']);
});

it('a namespace the RBAC leaves out: its Secrets are blind spots, the rest is read', () => {
  const spots = blindSpots('rbacForbidden');
  expect(spots.length).toBeGreaterThan(0);
  for (const spot of spots) {
    expect(spot.source?.namespace).toBe('linkerd');
    expect(spot.message).toContain('permission_denied');
  }
  expect(clusterOf(report, 'rbacForbidden').status).toBe('partial');
  expect(fps('rbacForbidden').has(fp('rbacForbidden', 'root'))).toBe(true);
  expect(run.code).toBe(1);
});
