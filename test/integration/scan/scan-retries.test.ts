/**
 * Transient faults on every source through the real CLI: a one-off 429 (Retry-After), 500, 410 on
 * a continue token, cut body, reset or slow answer on each source's reads loses nothing (the
 * report equals the fault-free one); a 503 that never ends is a blind spot naming the object while
 * every other source is reported. All clusters serve the same objects in pages of 2, so every
 * LIST follows `continue`.
 */
import type { JsonReport, ReportCluster } from '#domain/report';
import { type Fault, type Simulator, startSimulator } from '#simulator';
import {
  certManagerAndConsul,
  istioHealthy,
  linkerdMidRotation,
  mergeBundles,
  type ScenarioBundle,
} from '#simulator/scenarios';
import { configMap, namespace, validity } from '#simulator/scenarios/objects';
import { mint } from '#support/mint';
import { clusterOf, kubeconfigFor, removeDir, runCli, scanArgs, stopAll } from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');

/** One GET per source that reads by name (and discovery), and every cluster-wide LIST the sources page through (SPIRE's bundle is in the ConfigMap list). */
const GETS: readonly (string | RegExp)[] = [
  '/apis',
  '/api/v1/namespaces/istio-system/secrets/cacerts',
  '/api/v1/namespaces/linkerd/configmaps/linkerd-identity-trust-roots',
  /\/pods\/[^/]+\/proxy\//, // Istio agent / Linkerd proxy metrics
  /\/services\/[^/]+\/proxy\//, // Consul CA roots
  /\/api\/v1\/namespaces\/[^/]+\/secrets\/[^/]+$/, // cert-manager Secrets (after cacerts)
];
const LISTS: readonly string[] = [
  '/api/v1/configmaps',
  '/api/v1/pods',
  '/apis/cert-manager.io/v1/certificates',
  '/apis/cert-manager.io/v1/clusterissuers',
  '/api/v1/secrets',
  '/apis/apps/v1/deployments', // control-plane detection (istiod, linkerd-identity)
  '/apis/apps/v1/statefulsets', // control-plane detection (consul-server)
];

const once = (fault: Omit<Fault, 'path'>) =>
  [...GETS, ...LISTS].map((path) => ({ path, times: 1, ...fault }));

/** One cluster per kind of transient fault, each hitting every source once. */
const TRANSIENT: Readonly<Record<string, Fault[]>> = {
  throttled: once({ status: 429, retryAfter: '1' }),
  error500: once({ status: 500 }),
  expired410: LISTS.map((path) => ({ path, withQuery: 'continue', status: 410, times: 1 })),
  cut: once({ connection: 'truncate' }),
  reset: once({ connection: 'reset' }),
  slow: once({ delayMs: 8000 }), // beyond the 5 s per-request timeout
};
const PERMANENT: Fault[] = [
  { path: '/api/v1/namespaces/linkerd/configmaps/linkerd-identity-trust-roots', status: 503 },
];

let bundle: ScenarioBundle;
let sims: Simulator[] = [];
let dir = '';
let report: JsonReport;
let stderr = '';

async function spireBundle(): Promise<ScenarioBundle> {
  const root = await mint({ subject: 'CN=spire-root', isCA: true, ...validity(NOW, -30, 700) });
  return {
    scenario: {
      name: 'spire',
      objects: [namespace('spire'), configMap('spire', 'spire-bundle', { 'bundle.crt': root.pem })],
    },
    canaries: [],
    certs: { spireRoot: root },
  };
}

beforeAll(async () => {
  bundle = mergeBundles(
    'all',
    await istioHealthy(NOW),
    await linkerdMidRotation(NOW),
    await certManagerAndConsul(NOW),
    await spireBundle(),
  );
  const clusters: [string, Fault[]][] = [['clean', []], ...Object.entries(TRANSIENT), ['down503', PERMANENT]];
  sims = await Promise.all(
    clusters.map(([name, faults]) =>
      startSimulator({ scenario: { ...bundle.scenario, name }, faults, maxPageSize: 2 }),
    ),
  );
  const kube = await kubeconfigFor(sims.map((s) => s.context('admin', s.name)));
  dir = kube.dir;
  const run = await runCli(
    scanArgs(
      kube.path,
      { contexts: sims.map((s) => s.name), now: NOW },
      '--all-tls-secrets',
      '--request-timeout',
      '5',
    ),
  );
  stderr = run.stderr;
  report = JSON.parse(run.stdout) as JsonReport;
}, 150_000);

afterAll(async () => {
  await stopAll(sims);
  if (dir) await removeDir(dir);
});

/** A cluster's report without its name, for comparing clusters that serve the same objects. */
const contentOf = (cluster: ReportCluster) => JSON.stringify({ ...cluster, name: '' });

it('the fault-free cluster reads every source completely', () => {
  const clean = clusterOf(report, 'clean');
  expect(clean.status).toBe('ok');
  expect(clean.sourceStatus).toEqual({
    istio: 'complete',
    linkerd: 'complete',
    consul: 'complete',
    'cert-manager': 'complete',
    'aws-privateca-issuer': 'complete',
    spire: 'complete',
    'tls-secrets': 'complete',
  });
  expect(clean.certificates.length).toBeGreaterThan(10);
  expect(clean.findings.filter((f) => f.rule === 'blind_spot')).toEqual([]);
});

it.each(Object.keys(TRANSIENT))('a one-off fault on every source (%s) loses nothing', (name) => {
  expect(contentOf(clusterOf(report, name))).toBe(contentOf(clusterOf(report, 'clean')));
  const sim = sims.find((s) => s.name === name)!;
  const clean = sims.find((s) => s.name === 'clean')!;
  expect(sim.requests.length).toBeGreaterThan(clean.requests.length); // the faults were met and retried
});

it('each injected fault was met: statuses answered, connections broken', () => {
  const statuses = (name: string, code: number) =>
    sims.find((s) => s.name === name)!.requests.filter((r) => r.status === code).length;
  expect(statuses('throttled', 429)).toBe(GETS.length + LISTS.length);
  expect(statuses('error500', 500)).toBe(GETS.length + LISTS.length);
  const paged = LISTS.filter((path) =>
    sims.find((s) => s.name === 'clean')!.requests.some((r) => r.path === path && r.query.continue),
  );
  expect(paged.length).toBeGreaterThanOrEqual(3); // configmaps, pods, certificates at least
  expect(statuses('expired410', 410)).toBe(paged.length);
  // Each broken connection costs exactly one more request (its retry).
  const requests = (name: string) => sims.find((s) => s.name === name)!.requests.length;
  for (const name of ['cut', 'reset', 'slow']) {
    expect(requests(name) - requests('clean')).toBe(GETS.length + LISTS.length);
  }
});

it('a 503 that never ends: a blind spot naming the object; every other source is reported', () => {
  const down = clusterOf(report, 'down503');
  expect(down.status).toBe('partial');
  expect(down.sourceStatus?.linkerd).toBe('incomplete');
  expect(Object.entries(down.sourceStatus ?? {}).filter(([, s]) => s !== 'complete')).toEqual([
    ['linkerd', 'incomplete'],
  ]);
  const spots = down.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots).toHaveLength(1);
  expect(spots[0]!.source).toMatchObject({ kind: 'ConfigMap', name: 'linkerd-identity-trust-roots' });
  expect(spots[0]!.message).toContain('HTTP 503');
  expect(spots[0]!.message).toContain('after 5 attempts');
  const clean = new Set(clusterOf(report, 'clean').certificates.map((c) => c.fingerprint));
  const seen = new Set(down.certificates.map((c) => c.fingerprint));
  const missing = [...clean].filter((f) => !seen.has(f));
  // Only what the trust-roots ConfigMap alone holds can be missing; linkerd-config still names the anchors.
  expect(missing).toEqual([]);
  expect(stderr).toMatch(/down503: linkerd: .*\(incomplete\)/);
});
