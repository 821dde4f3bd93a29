/**
 * Status per source through the real CLI, recording to the embedded store and alerting to the
 * loopback Slack. A one-off fault (500, reset, 429, 410 on a continue token, a cut body) on every
 * source sends nothing, in that run or the next. A
 * permanent fault on one Linkerd Secret is a blind spot (alerted) while the certificates only it
 * holds are carried over (not disappeared), and a cert-manager CA renewed meanwhile resolves its
 * alert because cert-manager was read completely; when the fault goes, the blind spot resolves.
 */
import { LocalHistoryStore } from '#adapters/local-store';
import {
  certManagerAndConsul,
  linkerdMidRotation,
  mergeBundles,
  type ScenarioBundle,
} from '#simulator/scenarios';
import { secret, validity } from '#simulator/scenarios/objects';
import { mint } from '#support/mint';
import { clusterOf, fingerprintOf, type RecordingRig, startRecordingRig } from './run-cli';

const T0 = Date.parse('2026-05-01T00:00:00Z');
const hour = (n: number) => new Date(T0 + n * 3_600_000);
const INJECTOR_SECRET = '/api/v1/namespaces/linkerd/secrets/linkerd-proxy-injector-k8s-tls';

let bundle: ScenarioBundle;
let rig: RecordingRig;

beforeAll(async () => {
  bundle = mergeBundles('carry', await linkerdMidRotation(hour(0)), await certManagerAndConsul(hour(0)));
  rig = await startRecordingRig(bundle.scenario, { maxPageSize: 2 });
}, 60_000);

afterAll(() => rig?.stop());

const scan = (at: Date) => rig.scan(at);

async function observedFingerprints(): Promise<Set<string>> {
  const store = await LocalHistoryStore.open({ stateDir: rig.stateDir });
  try {
    return new Set((await store.loadCluster(`carry@${rig.sim.url}`)).observations.map((o) => o.fingerprint));
  } finally {
    await store.close();
  }
}

const fp = (name: string) => fingerprintOf(bundle.certs[name]!.der);
const newMessages = (from: number) => rig.messages(from);

it('a one-off fault on every source sends nothing, in that run or the next', async () => {
  const first = await scan(hour(0));
  expect(clusterOf(first, 'carry').status).toBe('ok');
  const opened = rig.slack.messages.length;
  expect(opened).toBeGreaterThan(0);
  for (const fault of [{ status: 500 }, { connection: 'reset' as const }, { status: 429, retryAfter: '1' }]) {
    rig.sim.faults.add({ path: /^\/api\/v1\//, times: 3, ...fault });
    rig.sim.faults.add({ path: /^\/apis\//, times: 3, ...fault });
  }
  for (const path of [/^\/api\/v1\//, /^\/apis\//]) {
    rig.sim.faults.add({ path, withQuery: 'continue', status: 410, times: 1 }); // every list pages by 2
    rig.sim.faults.add({ path, connection: 'truncate', times: 1 });
  }
  const sent = rig.sim.requests.length;
  const faulted = await scan(hour(1));
  expect(clusterOf(faulted, 'carry').status).toBe('ok');
  expect(rig.sim.requests.slice(sent).filter((r) => r.status === 410).length).toBeGreaterThan(0);
  rig.sim.faults.clear();
  await scan(hour(2));
  expect(newMessages(opened)).toEqual([]);
}, 240_000);

it('a permanent fault carries over what only it hides, and a renewed CA of a complete source resolves', async () => {
  const before = rig.slack.messages.length;
  const renewed = await mint({
    subject: 'CN=internal-ca,O=example',
    isCA: true,
    ...validity(hour(0), -1, 3650),
  });
  rig.sim.put(
    secret(
      'cert-manager',
      'internal-ca',
      { 'tls.crt': renewed.pem, 'ca.crt': renewed.pem },
      'kubernetes.io/tls',
    ),
  );
  rig.sim.faults.add({ path: INJECTOR_SECRET, status: 503 });
  const partial = clusterOf(await scan(hour(3)), 'carry');
  expect(partial.status).toBe('partial');
  expect(partial.sourceStatus).toMatchObject({ linkerd: 'incomplete', 'cert-manager': 'complete' });
  const seen = new Set(partial.certificates.map((c) => c.fingerprint));
  expect(seen.has(fp('injector'))).toBe(false);
  const observed = await observedFingerprints();
  expect(observed.has(fp('injector'))).toBe(true); // carried over, not disappeared
  expect(observed.has(fp('ca'))).toBe(false); // the expired CA is gone from a completely read source
  const sent = newMessages(before);
  expect(
    sent.filter((t) => t.startsWith('[WARNING]') && t.includes('linkerd-proxy-injector-k8s-tls')),
  ).toHaveLength(1);
  expect(sent.filter((t) => t.startsWith('Resolved') && t.includes('CN=internal-ca'))).not.toEqual([]);
  expect(sent.filter((t) => t.includes('injector') && t.startsWith('Resolved'))).toEqual([]);
}, 120_000);

it('when the fault goes away its blind-spot alert resolves and nothing re-opens', async () => {
  const before = rig.slack.messages.length;
  rig.sim.faults.clear();
  const healed = clusterOf(await scan(hour(4)), 'carry');
  expect(healed.status).toBe('ok');
  const sent = newMessages(before);
  expect(
    sent.filter((t) => t.startsWith('Resolved') && t.includes('linkerd-proxy-injector-k8s-tls')),
  ).toHaveLength(1);
  expect(sent.filter((t) => !t.startsWith('Resolved'))).toEqual([]);
}, 120_000);
