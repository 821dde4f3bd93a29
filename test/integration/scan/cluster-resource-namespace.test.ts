/**
 * `scan --cluster-resource-namespace` through the real CLI: cert-manager run with
 * `--cluster-resource-namespace=platform-certs` keeps ClusterIssuer CA Secrets there. Without the
 * flag the Ready ClusterIssuer's CA Secret is not in `cert-manager`, and the report says so (a
 * blind spot naming the flag) instead of reporting nothing; with it (and the RBAC
 * `rbac --from-cluster` prints with the same flag, added to what it printed without) the expired CA
 * is judged. The deployed path of
 * the same option: test/integration/handlers/source-options-lambda.test.ts. A namespaced Issuer
 * that says Ready but whose CA Secret does not exist is a blind spot too; one not Ready is not.
 */
import type { JsonReport, ReportCluster } from '#domain/report';
import { type SimObject, type Simulator, startSimulator } from '#simulator';
import { mergeBundles, SCANNER, type ScenarioBundle } from '#simulator/scenarios';
import { certManagerClusterResources } from '#simulator/scenarios/cert-manager';
import { namespace } from '#simulator/scenarios/objects';
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
const FLAG = ['--cluster-resource-namespace', 'platform-certs'];
let bundle: ScenarioBundle;
let sim: Simulator;
let issuers: Simulator;
let dir = '';
let kubeconfig = '';

beforeAll(async () => {
  const scanner: ScenarioBundle = {
    scenario: { name: 'u', objects: [], users: [SCANNER] },
    canaries: [],
    certs: {},
  };
  bundle = mergeBundles('platform', await certManagerClusterResources(NOW, 'platform-certs'), scanner);
  sim = await startSimulator({ scenario: bundle.scenario });
  issuers = await startSimulator({
    scenario: {
      name: 'issuers',
      objects: [namespace('apps'), caIssuer('team-ca', 'True'), caIssuer('pending-ca', 'False')],
      crds: ['cert-manager.io'],
    },
  });
  // The operator who does not know the namespace: RBAC printed without the flag.
  for (const object of (await rbacFromCluster(sim)).objects) sim.put(object);
  const kube = await kubeconfigFor([sim.context(SCANNER.name, sim.name), issuers.context('admin')]);
  dir = kube.dir;
  kubeconfig = kube.path;
}, 60_000);

afterAll(async () => {
  await stopAll([sim, issuers].filter(Boolean));
  if (dir) await removeDir(dir);
});

/** An Issuer in `apps` of type CA, Ready or not, whose CA Secret `<name>-key-pair` does not exist. */
function caIssuer(name: string, ready: 'True' | 'False'): SimObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Issuer',
    metadata: { name, namespace: 'apps' },
    spec: { ca: { secretName: `${name}-key-pair` } },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  };
}

async function scan(...extra: string[]): Promise<ReportCluster> {
  return scanOf(sim.name, ...extra);
}

async function scanOf(context: string, ...extra: string[]): Promise<ReportCluster> {
  const run = await runCli(scanArgs(kubeconfig, { contexts: [context], now: NOW }, ...extra));
  if (run.code > 1) throw new Error(`scan exited ${run.code}: ${run.stderr}`);
  return clusterOf(JSON.parse(run.stdout) as JsonReport, context);
}

it('without the flag: a blind spot on cert-manager/internal-ca that names the flag; the CA is not judged', async () => {
  const cluster = await scan();
  expect(cluster.status).toBe('partial');
  expect(cluster.certificates).toEqual([]);
  const spots = cluster.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots.map((f) => [f.severity, f.message])).toEqual([
    [
      'warning',
      'cert-manager: could not read Secret cert-manager/internal-ca: not_found (ClusterIssuer internal-ca is Ready but its CA Secret is not in cert-manager, the cluster-resource namespace certwatch reads ClusterIssuer CA Secrets from: its CA is not judged)',
    ],
  ]);
  expect(spots[0]!.remediation).toContain('--cluster-resource-namespace NS');
});

it('with --cluster-resource-namespace platform-certs: the CA Secret there is read, the expired CA critical', async () => {
  for (const object of (await rbacFromCluster(sim, ...FLAG)).objects) sim.put(object);
  const cluster = await scan(...FLAG);
  expect(cluster.status).toBe('ok');
  expect(cluster.findings.filter((f) => f.rule === 'blind_spot')).toEqual([]);
  const ca = cluster.certificates.find((c) => c.fingerprint === fingerprintOf(bundle.certs.ca!.der));
  expect(ca?.sources.map((s) => `${s.namespace}/${s.name}:${s.key}`).sort()).toEqual([
    'platform-certs/internal-ca:ca.crt',
    'platform-certs/internal-ca:tls.crt',
  ]);
  expect(cluster.findings.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual([
    'ca_issuer_expired_but_ready critical',
    'expired critical',
  ]);
});

it('a Ready namespaced CA Issuer whose CA Secret does not exist is a blind spot; one not Ready is left to its status', async () => {
  const cluster = await scanOf(issuers.name);
  expect(cluster.status).toBe('partial');
  const spots = cluster.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots.map((f) => [f.message, f.remediation])).toEqual([
    [
      'cert-manager: could not read Secret apps/team-ca-key-pair: not_found (Issuer apps/team-ca is Ready but its CA Secret does not exist: its CA is not judged)',
      'Check spec.ca.secretName of Issuer apps/team-ca: cert-manager reports Ready from the key pair it last loaded.',
    ],
  ]);
});
