/**
 * `--all-tls-secrets` through the real CLI against the simulator, with exactly the RBAC
 * `certwatch rbac` prints: a kubernetes.io/tls Secret in an app namespace is reported only with the
 * flag, the flag needs precisely the commented-out block that `certwatch rbac` prints for it, and
 * the Secret's private key never reaches the output.
 */
import { loadAll } from 'js-yaml';
import type { JsonReport } from '#domain/report';
import { type SimObject, type Simulator, startSimulator } from '#simulator';
import { istioHealthy, mergeBundles, SCANNER, type ScenarioBundle } from '#simulator/scenarios';
import { mint } from '#support/mint';
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
const DAY = 86_400_000;
const OPT_IN_HEADING = "# For 'certwatch scan --all-tls-secrets' only";

let sim: Simulator;
let dir = '';
let kubeconfig = '';
let rbacYaml = '';
let shopFingerprint = '';
let shopKeyPem = '';

/** The printed YAML's applied part, and its commented-out opt-in block made live. */
function splitRbac(yaml: string): { base: SimObject[]; optIn: SimObject[]; optInNotes: string[] } {
  const at = yaml.indexOf(OPT_IN_HEADING);
  if (at < 0) throw new Error('certwatch rbac printed no --all-tls-secrets block');
  const block = yaml.slice(at).split('\n');
  const firstDoc = block.indexOf('# ---');
  const optInNotes = block.slice(1, firstDoc).map((line) => line.replace(/^#\s*/, ''));
  const live = block.slice(firstDoc).map((line) => line.replace(/^# ?/, ''));
  return {
    base: loadAll(yaml.slice(0, at)).filter(Boolean) as SimObject[],
    optIn: loadAll(live.join('\n')).filter(Boolean) as SimObject[],
    optInNotes,
  };
}

async function shopSecret(): Promise<SimObject> {
  const ca = await mint({
    subject: 'CN=Shop CA',
    isCA: true,
    notBefore: new Date(NOW.getTime() - DAY),
    notAfter: new Date(NOW.getTime() + 3650 * DAY),
  });
  const leaf = await mint({
    subject: 'CN=shop.example.com',
    issuer: ca,
    dnsNames: ['shop.example.com'],
    notBefore: new Date(NOW.getTime() - DAY),
    notAfter: new Date(NOW.getTime() + 60 * DAY),
  });
  shopFingerprint = fingerprintOf(leaf.der);
  shopKeyPem = leaf.keyPem;
  const data = { 'tls.crt': leaf.pem, 'tls.key': leaf.keyPem, 'ca.crt': ca.pem };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name: 'shop-tls', namespace: 'apps' },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
}

async function scan(...flags: string[]): Promise<{ report: JsonReport; stdout: string; stderr: string }> {
  const run = await runCli(scanArgs(kubeconfig, { now: NOW }, ...flags));
  if (run.code > 1) throw new Error(`certwatch scan exited ${run.code}: ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as JsonReport, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  const printed = await runCli(['rbac']);
  if (printed.code !== 0) throw new Error(`certwatch rbac failed: ${printed.stderr}`);
  rbacYaml = printed.stdout;
  const rbac: ScenarioBundle = {
    scenario: { name: 'rbac', objects: splitRbac(rbacYaml).base, users: [SCANNER] },
    canaries: [],
    certs: {},
  };
  const app: ScenarioBundle = {
    scenario: { name: 'app', objects: [await shopSecret()] },
    canaries: [],
    certs: {},
  };
  const bundle = mergeBundles('tls-apps', await istioHealthy(NOW), app, rbac);
  sim = await startSimulator({ scenario: bundle.scenario });
  const kube = await kubeconfigFor([sim.context(SCANNER.name, sim.name)]);
  dir = kube.dir;
  kubeconfig = kube.path;
}, 60_000);

afterAll(async () => {
  if (sim) await stopAll([sim]);
  if (dir) await removeDir(dir);
});

const shopIn = (report: JsonReport) =>
  clusterOf(report, 'tls-apps').certificates.find((c) => c.fingerprint === shopFingerprint);
const blindSpots = (report: JsonReport) =>
  clusterOf(report, 'tls-apps').findings.filter((f) => f.rule === 'blind_spot');

it('without the flag: the app TLS Secret is not read, no Secret is listed, nothing is missed', async () => {
  sim.requests.length = 0;
  const { report } = await scan();
  expect(shopIn(report)).toBeUndefined();
  expect(blindSpots(report)).toEqual([]);
  expect(clusterOf(report, 'tls-apps').status).toBe('ok');
  expect(sim.requests.filter((r) => r.path === '/api/v1/secrets')).toEqual([]);
  expect(sim.requests.filter((r) => r.status === 403)).toEqual([]);
}, 60_000);

it('with the flag but only the default RBAC: a blind spot names the denied Secrets list', async () => {
  sim.requests.length = 0;
  const { report } = await scan('--all-tls-secrets');
  expect(shopIn(report)).toBeUndefined();
  const spots = blindSpots(report);
  expect(spots).toHaveLength(1);
  expect(spots[0]!.message).toContain('permission_denied');
  expect(clusterOf(report, 'tls-apps').status).toBe('partial');
  const denied = sim.requests.filter((r) => r.status === 403);
  expect(denied.map((r) => r.path)).toEqual(['/api/v1/secrets']);
}, 60_000);

it('with the block `certwatch rbac` prints for the flag applied: the Secret is reported, key never shown', async () => {
  const { optIn, optInNotes } = splitRbac(rbacYaml);
  // The note says what the objects grant, and the scan asks for exactly that: a cluster-wide list.
  expect(optInNotes[0]).toBe('get/list secrets (cluster-wide) [tls-secrets]');
  expect(optIn.map((o) => o.kind)).toEqual(['ClusterRole', 'ClusterRoleBinding']);
  for (const object of optIn) sim.put(object);
  sim.requests.length = 0;
  const { report, stdout, stderr } = await scan('--all-tls-secrets');
  const shop = shopIn(report);
  expect(shop?.sources).toEqual([{ kind: 'Secret', namespace: 'apps', name: 'shop-tls', key: 'tls.crt' }]);
  expect(shop?.subject).toBe('CN=shop.example.com');
  expect(blindSpots(report)).toEqual([]);
  expect(clusterOf(report, 'tls-apps').status).toBe('ok');
  expect(sim.requests.filter((r) => r.status === 403)).toEqual([]);
  const listed = sim.requests.filter((r) => r.path === '/api/v1/secrets');
  expect(listed.length).toBeGreaterThan(0);
  expect(
    listed.every((r) => r.method === 'GET' && r.query['fieldSelector'] === 'type=kubernetes.io/tls'),
  ).toBe(true);
  for (const line of canaryLines(shopKeyPem)) {
    expect(stdout).not.toContain(line);
    expect(stderr).not.toContain(line);
  }
}, 60_000);
