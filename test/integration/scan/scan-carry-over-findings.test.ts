/**
 * Findings drawn from a source's whole view follow the certificates' carry-over rule, through the
 * real CLI recording to the embedded store and alerting to the loopback Slack. A Linkerd issuer not
 * signed by an anchor of the bundle opens an alert; a run where the bundle (linkerd-identity-trust-
 * roots) cannot be read sends only its blind spot, not a "Resolved" for the issuer, and the run
 * after, with the bundle back, only resolves the blind spot: nothing re-opens.
 */
import { linkerdMidRotation, type ScenarioBundle } from '#simulator/scenarios';
import { configMap } from '#simulator/scenarios/objects';
import { clusterOf, type RecordingRig, startRecordingRig } from './run-cli';

const T0 = Date.parse('2026-05-01T00:00:00Z');
const hour = (n: number) => new Date(T0 + n * 3_600_000);
const TRUST_ROOTS = '/api/v1/namespaces/linkerd/configmaps/linkerd-identity-trust-roots';

let bundle: ScenarioBundle;
let rig: RecordingRig;

beforeAll(async () => {
  bundle = await linkerdMidRotation(hour(0));
  rig = await startRecordingRig({ ...bundle.scenario, name: 'anchors' });
  // The bundle lost the new anchor: the issuer (signed by it) is no longer from an anchor.
  rig.sim.put(
    configMap('linkerd', 'linkerd-identity-trust-roots', { 'ca-bundle.crt': bundle.certs.oldAnchor!.pem }),
  );
}, 60_000);

afterAll(() => rig?.stop());

const scan = (at: Date) => rig.scan(at);
const newMessages = (from: number) => rig.messages(from);
const aboutTrustRoots = (text: string) => text.includes('linkerd-identity-trust-roots');

it('a fault on the anchors bundle neither resolves nor re-opens the issuer alert', async () => {
  const first = clusterOf(await scan(hour(0)), 'anchors');
  expect(first.status).toBe('ok');
  expect(first.findings.map((f) => f.rule)).toContain('linkerd_issuer_not_from_anchor');
  const opened = newMessages(0);
  expect(opened.filter((t) => t.includes('not signed by any anchor'))).toHaveLength(1);

  const before = rig.slack.messages.length;
  rig.sim.faults.add({ path: TRUST_ROOTS, status: 503 });
  const faulted = clusterOf(await scan(hour(1)), 'anchors');
  expect(faulted.status).toBe('partial');
  expect(faulted.sourceStatus).toMatchObject({ linkerd: 'incomplete' });
  expect(faulted.findings.map((f) => f.rule)).not.toContain('linkerd_issuer_not_from_anchor');
  rig.sim.faults.clear();
  const healed = clusterOf(await scan(hour(2)), 'anchors');
  expect(healed.status).toBe('ok');
  expect(healed.findings.map((f) => f.rule)).toContain('linkerd_issuer_not_from_anchor');

  // Only the blind spot speaks: opened by the faulted run, resolved by the next.
  const sent = newMessages(before);
  expect(sent.filter((t) => !aboutTrustRoots(t))).toEqual([]);
  expect(sent.filter((t) => t.startsWith('[WARNING]'))).toHaveLength(1);
  expect(sent.filter((t) => t.startsWith('Resolved'))).toHaveLength(1);
}, 240_000);
