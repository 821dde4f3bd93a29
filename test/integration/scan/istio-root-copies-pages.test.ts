/**
 * The cluster-wide `istio-ca-root-cert` list across more namespaces than one page, through the real
 * CLI: 1,200 namespaces at the default page size of 500 take exactly 3 list requests (following
 * `continue`), and all 1,200 copies end up as places of one certificate, not 1,200 rows.
 */
import type { JsonReport } from '#domain/report';
import { type SimObject, type Simulator, startSimulator } from '#simulator';
import { istioHealthy } from '#simulator/scenarios';
import { clusterOf, fingerprintOf, kubeconfigFor, removeDir, runCli, scanArgs, stopAll } from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
const NAMESPACES = 1200;
const COPY = 'istio-ca-root-cert';

let sim: Simulator;
let dir = '';
let kubeconfig = '';
let rootFingerprint = '';

/** Namespaces `ns-0000`…, each with its root copy, up to NAMESPACES copies in all. */
function moreCopies(existing: readonly SimObject[], rootPem: string): SimObject[] {
  const have = existing.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === COPY).length;
  return Array.from({ length: NAMESPACES - have }, (_, i) => {
    const ns = `ns-${String(i).padStart(4, '0')}`;
    return [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: COPY, namespace: ns, labels: { 'istio.io/config': 'true' } },
        data: { 'root-cert.pem': rootPem },
      },
    ];
  }).flat();
}

beforeAll(async () => {
  const istio = await istioHealthy(NOW);
  const root = istio.certs['root']!;
  rootFingerprint = fingerprintOf(root.der);
  const objects = [...istio.scenario.objects, ...moreCopies(istio.scenario.objects, root.pem)];
  sim = await startSimulator({ scenario: { ...istio.scenario, name: 'many-namespaces', objects } });
  const kube = await kubeconfigFor([sim.context('admin', sim.name)]);
  dir = kube.dir;
  kubeconfig = kube.path;
}, 60_000);

afterAll(async () => {
  if (sim) await stopAll([sim]);
  if (dir) await removeDir(dir);
});

const args = (format: string) => scanArgs(kubeconfig, { now: NOW, format });

it('lists 1,200 root copies in exactly 3 pages of 500 and reports them on one certificate', async () => {
  sim.requests.length = 0;
  const run = await runCli(args('json'));
  expect(run.code).toBe(0);
  const lists = sim.requests.filter(
    (r) => r.path === '/api/v1/configmaps' && r.query['fieldSelector'] === `metadata.name=${COPY}`,
  );
  expect(lists).toHaveLength(3);
  expect(lists.map((r) => r.query['limit'])).toEqual(['500', '500', '500']);
  expect(lists[0]!.query['continue']).toBeUndefined();
  expect(lists.slice(1).every((r) => typeof r.query['continue'] === 'string' && r.status === 200)).toBe(true);
  expect(new Set(lists.map((r) => r.query['continue'])).size).toBe(3);

  const cluster = clusterOf(JSON.parse(run.stdout) as JsonReport, 'many-namespaces');
  const root = cluster.certificates.find((c) => c.fingerprint === rootFingerprint);
  const copies = (root?.sources ?? []).filter((s) => s.kind === 'ConfigMap' && s.name === COPY);
  expect(copies).toHaveLength(NAMESPACES);
  expect(new Set(copies.map((s) => s.namespace)).size).toBe(NAMESPACES);
  expect(cluster.certificates.filter((c) => c.subject === root?.subject)).toHaveLength(1);
  expect(cluster.findings.map((f) => f.rule)).not.toContain('istio_root_copy_stale');
  expect(cluster.findings.map((f) => f.rule)).not.toContain('blind_spot');
}, 90_000);

it('the table shows that certificate once, with its first place and "+N more", not 1,200 lines', async () => {
  const run = await runCli(args('table'));
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  expect(lines.length).toBeLessThan(40);
  expect(lines.filter((line) => line.length > 100)).toEqual([]);
  expect(run.stdout).toMatch(/ConfigMap [\w-]+\/istio-ca-root-cert:root-cert\.pem \+1\d{3} more/);
}, 90_000);
