/**
 * Every scenario scanned through the real CLI: exactly the expected certificates (once per
 * cluster, with all their places), levels, severities and findings; exit 1 on a critical; the
 * canary private keys never appear in any output or file; and the cluster-wide
 * istio-ca-root-cert list is one paginated call sequence.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonReport } from '#domain/report';
import { type Simulator, startSimulator } from '#simulator';
import {
  certManagerAndConsul,
  istioHealthy,
  istioStaleCopy,
  linkerdMidRotation,
  type ScenarioBundle,
} from '#simulator/scenarios';
import {
  canaryLines,
  clusterOf,
  fingerprintOf,
  kubeconfigFor,
  removeDir,
  runCli,
  scanArgs,
  stopAll,
} from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
let bundles: ScenarioBundle[] = [];
let sims: Simulator[] = [];
let dir = '';
let report: JsonReport;
let run: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  bundles = [
    await istioHealthy(NOW),
    await istioStaleCopy(NOW),
    await linkerdMidRotation(NOW),
    await certManagerAndConsul(NOW),
  ];
  sims = await Promise.all(bundles.map((b) => startSimulator({ scenario: b.scenario })));
  const kube = await kubeconfigFor(sims.map((s) => s.context('admin')));
  dir = kube.dir;
  run = await runCli(scanArgs(kube.path, { contexts: sims.map((s) => s.name), now: NOW }));
  report = JSON.parse(run.stdout) as JsonReport;
}, 120_000);

afterAll(async () => {
  await stopAll(sims);
  if (dir) await removeDir(dir);
});

/** Fingerprint of a named certificate of the scenario scanned as `cluster` (names repeat across scenarios). */
const fpOf = (cluster: string, name: string) => {
  const cert = bundles.find((b) => b.scenario.name === cluster)?.certs[name];
  if (!cert) throw new Error(`no cert ${name} in ${cluster}`);
  return fingerprintOf(cert.der);
};
const rules = (cluster: string) => clusterOf(report, cluster).findings.map((f) => `${f.severity}:${f.rule}`);

it('exits 1 because criticals exist, and prints a progress line per cluster and source', () => {
  expect(run.code).toBe(1);
  for (const sim of sims) {
    expect(run.stderr).toContain(`scanning ${sim.name}`);
    for (const source of ['istio', 'linkerd', 'consul', 'cert-manager', 'spire']) {
      expect(run.stderr).toContain(`${sim.name}: ${source}:`);
    }
  }
});

it('healthy Istio: root and intermediate once each, with every place, no warnings, status ok', () => {
  const cluster = clusterOf(report, 'istio-healthy');
  const fp = (name: string) => fpOf('istio-healthy', name);
  expect(cluster.status).toBe('ok');
  expect(cluster.certificates.map((c) => c.fingerprint).sort()).toEqual(
    [fp('root'), fp('intermediate')].sort(),
  );
  const root = cluster.certificates.find((c) => c.fingerprint === fp('root'))!;
  expect(root.level).toBe('root');
  expect(root.severity).toBe('ok');
  const places = root.sources.map((s) => `${s.kind}/${s.namespace}/${s.name}/${s.key}`);
  expect(places).toEqual(
    expect.arrayContaining([
      'Secret/istio-system/cacerts/root-cert.pem',
      'Secret/istio-system/cacerts/cert-chain.pem',
      'ConfigMap/apps/istio-ca-root-cert/root-cert.pem',
      'ConfigMap/payments/istio-ca-root-cert/root-cert.pem',
      'MutatingWebhookConfiguration//istio-sidecar-injector/webhooks[0].clientConfig.caBundle',
      'ValidatingWebhookConfiguration//istio-validator-istio-system/webhooks[0].clientConfig.caBundle',
    ]),
  );
  expect(places).toHaveLength(new Set(places).size);
  expect(cluster.certificates.find((c) => c.fingerprint === fp('intermediate'))!.level).toBe('intermediate');
  expect(cluster.findings.filter((f) => f.severity !== 'info')).toEqual([]);
});

it('stale Istio copy: a critical naming the stale namespace', () => {
  const cluster = clusterOf(report, 'istio-stale');
  const fp = (name: string) => fpOf('istio-stale', name);
  expect(cluster.certificates.map((c) => c.fingerprint).sort()).toEqual([fp('root'), fp('oldRoot')].sort());
  expect(cluster.certificates.find((c) => c.fingerprint === fp('root'))!.sources).toHaveLength(8);
  const stale = cluster.findings.find((f) => f.rule === 'istio_root_copy_stale')!;
  expect(stale.severity).toBe('critical');
  expect(stale.message).toContain('legacy');
  expect(stale.message).not.toContain('payments');
  expect(stale.remediation).toBeTruthy();
});

it('Linkerd mid-rotation: both anchors, the issuer under the new anchor, one pod to restart', () => {
  const cluster = clusterOf(report, 'linkerd-rotation');
  const fp = (name: string) => fpOf('linkerd-rotation', name);
  const byFp = new Map(cluster.certificates.map((c) => [c.fingerprint, c]));
  for (const name of ['oldAnchor', 'newAnchor', 'issuer', 'injector', 'injectorCa'])
    expect(byFp.has(fp(name))).toBe(true);
  expect(cluster.certificates).toHaveLength(5);
  expect(byFp.get(fp('issuer'))!.level).toBe('intermediate');
  expect(byFp.get(fp('issuer'))!.issuerFingerprint).toBe(fp('newAnchor'));
  expect(
    byFp
      .get(fp('newAnchor'))!
      .sources.map((s) => s.name)
      .sort(),
  ).toEqual(['linkerd-config', 'linkerd-identity-trust-roots']);
  expect(rules('linkerd-rotation')).not.toContain('critical:linkerd_issuer_not_from_anchor');
  // The old anchor expires in 35 days but nothing chains to it: info, not a critical expiry.
  const oldAnchor = byFp.get(fp('oldAnchor'))!;
  expect(oldAnchor.severity).toBe('info');
  expect(
    cluster.findings.filter((f) => f.fingerprint === fp('oldAnchor')).map((f) => `${f.severity}:${f.rule}`),
  ).toEqual(['info:superseded_anchor']);
  const restart = cluster.findings.find((f) => f.rule === 'linkerd_proxy_anchors_stale')!;
  expect(restart.message).toContain('emojivoto/web-1');
  expect(restart.message).not.toContain('voting-1');
  expect(cluster.status).toBe('ok');
});

it('cert-manager + Consul: stalled renewal, expired CA issuer still Ready, Consul roots via the service proxy', () => {
  const cluster = clusterOf(report, 'cert-manager-consul');
  const fp = (name: string) => fpOf('cert-manager-consul', name);
  expect(rules('cert-manager-consul')).toEqual(
    expect.arrayContaining([
      'critical:cert_manager_renewal_overdue',
      'critical:ca_issuer_expired_but_ready',
      'warning:cert_manager_not_ready',
    ]),
  );
  const parsed = cluster.certificates.filter((c) => c.certManager?.factsFrom !== 'status');
  expect(parsed.map((c) => c.fingerprint).sort()).toEqual(
    [fp('ca'), fp('orgRoot'), fp('consulRoot'), fp('consulSigning'), fp('consulPreviousRoot')].sort(),
  );
  // Consul's previous root (Active: false, 20 days left) anchors nothing any more: info, not critical.
  const previous = cluster.certificates.find((c) => c.fingerprint === fp('consulPreviousRoot'))!;
  expect(previous.severity).toBe('info');
  expect(
    cluster.findings.filter((f) => f.fingerprint === fp('consulPreviousRoot')).map((f) => f.rule),
  ).toEqual(['superseded_anchor']);
  // Certificates whose Secret holds nothing (never written) appear once, from their status; api was
  // never issued (no status.notAfter) and shows only as its not-ready finding.
  const fromStatus = cluster.certificates.filter((c) => c.certManager?.factsFrom === 'status');
  expect(
    fromStatus.map((c) => `${c.sources[0]?.kind} ${c.sources[0]?.namespace}/${c.sources[0]?.name}`),
  ).toEqual(expect.arrayContaining(['Certificate apps/web', 'Certificate apps/billing']));
  expect(fromStatus).toHaveLength(2);
  const web = fromStatus.find((c) => c.sources[0]?.name === 'web')!;
  expect(web).toMatchObject({ fingerprint: '', level: 'leaf', severity: 'critical', daysLeft: 5 });
  expect(web.certManager).toMatchObject({ ready: true, issuer: 'ClusterIssuer/internal-ca' });
  const ca = cluster.certificates.find((c) => c.fingerprint === fp('ca'))!;
  expect(ca.severity).toBe('critical');
  expect(ca.daysLeft).toBeLessThan(0);
  const signing = cluster.certificates.find((c) => c.fingerprint === fp('consulSigning'))!;
  expect(signing.level).toBe('intermediate');
  expect(signing.sources[0]).toMatchObject({
    kind: 'ConsulCARoots',
    namespace: 'consul',
    name: 'consul-server',
  });
  expect(cluster.certificates.find((c) => c.fingerprint === fp('orgRoot'))!.sources).toHaveLength(2);
});

it('never prints a planted private key, nor writes one to a file', async () => {
  const lines = bundles.flatMap((b) => b.canaries).flatMap(canaryLines);
  expect(lines.length).toBeGreaterThan(10);
  const files = await readdir(dir);
  const contents = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  for (const text of [run.stdout, run.stderr, ...contents]) {
    for (const line of lines) expect(text.includes(line)).toBe(false);
    expect(text).not.toContain('PRIVATE KEY');
  }
});

it('lists istio-ca-root-cert in one cluster-wide paginated sequence, never per namespace', () => {
  const sim = sims[0]!;
  const lists = sim.requests.filter(
    (r) => r.path === '/api/v1/configmaps' && r.query.fieldSelector === 'metadata.name=istio-ca-root-cert',
  );
  expect(lists).toHaveLength(1);
  const perNamespace = sim.requests.filter((r) =>
    /\/namespaces\/[^/]+\/configmaps\/istio-ca-root-cert$/.test(r.path),
  );
  expect(perNamespace).toEqual([]);
});

it('exits 2 with a clear message for an unknown context', async () => {
  const bad = await runCli(['scan', '--kubeconfig', join(dir, 'kubeconfig'), '--context', 'no-such-context']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('no context "no-such-context"');
  expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
});
