/**
 * Issue 13's hidden-scenario check through the real CLI: a namespaced CA Issuer whose CA expired
 * yesterday (still Ready), a Ready Certificate whose Secret holds garbage and one whose Secret
 * disagrees with its status. Scanned with exactly the RBAC `certwatch rbac --from-cluster` printed
 * (nothing unread), then with that RBAC minus one namespace (partial; one blind spot naming the
 * namespace, the unread Secret and the grant), then with the grant the blind spot printed, made by
 * kubectl itself from the printed command (nothing unread again).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { JsonReport, ReportCluster } from '#domain/report';
import { type SimObject, type Simulator, startSimulator } from '#simulator';
import { certManagerCoverage, mergeBundles, SCANNER, type ScenarioBundle } from '#simulator/scenarios';
import {
  canaryLines,
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
const KUBECTL = '/usr/bin/kubectl';
let bundle: ScenarioBundle;
let sim: Simulator;
let dir = '';
let kubeconfig = '';
let printed: { yaml: string; objects: SimObject[] };

beforeAll(async () => {
  const scanner: ScenarioBundle = {
    scenario: { name: 'u', objects: [], users: [SCANNER] },
    canaries: [],
    certs: {},
  };
  bundle = mergeBundles('coverage', await certManagerCoverage(NOW), scanner);
  sim = await startSimulator({ scenario: bundle.scenario });
  printed = await rbacFromCluster(sim);
  for (const object of printed.objects) sim.put(object);
  const kube = await kubeconfigFor([
    sim.context(SCANNER.name, sim.name),
    sim.context('admin', `${sim.name}-admin`),
  ]);
  dir = kube.dir;
  kubeconfig = kube.path;
}, 60_000);

afterAll(async () => {
  if (sim) await stopAll([sim]);
  if (dir) await removeDir(dir);
});

async function scan(format = 'json') {
  const run = await runCli(scanArgs(kubeconfig, { contexts: [sim.name], now: NOW, format }));
  if (run.code > 1) throw new Error(`scan exited ${run.code}: ${run.stderr}`);
  return run;
}

const cluster = (stdout: string): ReportCluster => clusterOf(JSON.parse(stdout) as JsonReport, sim.name);
const spots = (c: ReportCluster) => c.findings.filter((f) => f.rule === 'blind_spot');
const fp = (name: string) => fingerprintOf(bundle.certs[name]!.der);

it('rbac --from-cluster: Roles only where Secrets are named, exactly those names, no mesh grants', () => {
  const roles = printed.objects.filter((o) => o.kind === 'Role');
  const names = Object.fromEntries(
    roles.map((r) => [
      r.metadata.namespace,
      (r.rules as { resourceNames?: string[] }[]).flatMap((x) => x.resourceNames ?? []),
    ]),
  );
  expect(names).toEqual({
    'cert-manager': ['platform-root-ca'],
    'team-a': ['api-tls', 'frontend-tls', 'team-ca-key-pair'],
    'team-b': ['payments-tls'],
  });
  // No mesh runs here: no pods/proxy, no webhook or mesh Secret grants, no Role for absent namespaces.
  expect(printed.yaml).not.toContain('pods/proxy');
  expect(printed.yaml).not.toContain('mutatingwebhookconfigurations');
  expect(printed.yaml).not.toMatch(/namespace: (istio-system|linkerd|consul|spire)\b/);
});

it('with exactly that RBAC: expired namespaced CA Issuer critical, garbage Secret a finding, zero blind spots', async () => {
  sim.requests.length = 0;
  const run = await scan();
  const c = cluster(run.stdout);
  expect(spots(c)).toEqual([]);
  expect(c.status).toBe('ok');
  expect(sim.requests.filter((r) => r.status === 403)).toEqual([]);
  const rules = c.findings.map(
    (f) => `${f.severity}:${f.rule}:${f.source?.kind} ${f.source?.namespace}/${f.source?.name}`,
  );
  expect(rules).toEqual(
    expect.arrayContaining([
      'critical:ca_issuer_expired_but_ready:Issuer team-a/team-ca',
      'critical:cert_manager_secret_unreadable:Certificate team-a/frontend',
      'warning:cert_manager_secret_mismatch:Certificate team-a/api',
    ]),
  );
  for (const line of bundle.canaries.flatMap(canaryLines))
    expect(run.stdout + run.stderr).not.toContain(line);
});

it('every Certificate appears once in the JSON and in the table, with where its facts came from', async () => {
  const c = cluster((await scan()).stdout);
  const managed = c.certificates.filter((x) => x.certManager);
  const byName = managed.map(
    (x) => `${x.certManager!.namespace}/${x.certManager!.name}:${x.certManager!.factsFrom}`,
  );
  expect(byName.sort()).toEqual(['team-a/api:secret', 'team-a/frontend:status', 'team-b/payments:secret']);
  expect(managed.find((x) => x.certManager!.name === 'payments')!.fingerprint).toBe(fp('payments'));
  const frontend = managed.find((x) => x.certManager!.name === 'frontend')!;
  expect(frontend).toMatchObject({
    fingerprint: '',
    daysLeft: 60,
    severity: 'critical',
    dnsNames: ['frontend.team-a.svc'],
  });
  expect(frontend.sources).toEqual([
    { kind: 'Certificate', namespace: 'team-a', name: 'frontend', key: 'status' },
  ]);
  const table = (await scan('table')).stdout;
  const count = (text: string) => table.split(text).length - 1;
  expect(count('Certificate team-a/frontend (from its status')).toBe(1);
  expect(count('Secret team-a/api-tls:tls.crt')).toBe(1);
  expect(count('Secret team-b/payments-tls:tls.crt')).toBe(1);
});

it('that RBAC minus team-b: partial, one blind spot naming the namespace, the Secret and the grant', async () => {
  for (const kind of ['Role', 'RoleBinding'])
    sim.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, name: 'certwatch', namespace: 'team-b' });
  const c = cluster((await scan()).stdout);
  expect(c.status).toBe('partial');
  const found = spots(c);
  expect(found).toHaveLength(1);
  expect(found[0]!.source).toMatchObject({ kind: 'Secret', namespace: 'team-b' });
  expect(found[0]!.message).toContain('payments-tls (Certificate team-b/payments)');
  expect(found[0]!.remediation).toContain(
    'kubectl -n team-b create role certwatch-secrets --verb=get --resource=secrets --resource-name=payments-tls',
  );
  // The Certificate is still in the report, from its status.
  const payments = c.certificates.find((x) => x.certManager?.name === 'payments')!;
  expect(payments.certManager!.factsFrom).toBe('status');
});

(existsSync(KUBECTL) ? it : it.skip)(
  'the grant the blind spot prints, made by kubectl, closes it',
  async () => {
    const c = cluster((await scan()).stdout);
    const command =
      /kubectl (-n team-b create role .*?) && kubectl (-n team-b create rolebinding .*?) \(/.exec(
        spots(c)[0]!.remediation!,
      );
    expect(command).not.toBeNull();
    for (const args of [command![1]!, command![2]!]) {
      const object = await kubectlDryRun(args.split(' '));
      sim.put(object);
    }
    const after = cluster((await scan()).stdout);
    expect(spots(after)).toEqual([]);
    expect(after.status).toBe('ok');
  },
  60_000,
);

function kubectlDryRun(args: string[]): Promise<SimObject> {
  const all = [
    '--kubeconfig',
    kubeconfig,
    '--context',
    `${sim.name}-admin`,
    ...args,
    '--dry-run=client',
    '-o',
    'json',
  ];
  return new Promise((resolve, reject) => {
    execFile(KUBECTL, all, { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`));
      else resolve(JSON.parse(stdout) as SimObject);
    });
  });
}
