/**
 * The deployed path of the fleet trust check: two linked Istio clusters (one mesh id, remote
 * secrets, different roots) scanned by separate SQS messages through processScanMessage, history
 * in DynamoDB Local. The second scan judges both against the stored summaries and alerts both
 * clusters, each once; rescans send nothing more; a root distributed to both resolves both. The
 * summaries stored are bounded and hold no key material. Then the mesh configs change in place:
 * different trust domains without aliases alert both sides once; aliases resolve both.
 */
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { ClientNodeKubeApi } from '#adapters/kubernetes/client-node-kube-api';
import { clusterSources } from '#adapters/kubernetes/sources';
import { sendDigest } from '#app/send-digest';
import { processScanMessage, SCAN_ALERT_RULES, type ScanSetup } from '#handlers/scan-message';
import { type Simulator, startSimulator } from '#simulator';
import { istioPair } from '#simulator/scenarios/multicluster';
import type { ScenarioBundle } from '#simulator/scenarios/objects';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { FixedClock } from '#support/fakes/fixed-clock';
import { RecordingNotifier } from '#support/fakes/recording-notifier';
import { canaryLines } from '../scan/run-cli';

jest.setTimeout(120_000);

const NOW = new Date('2026-05-01T09:00:00Z');
const TABLE = 'fleet';
let local: DynamoDbLocal;
let client: DynamoDBClient;
let bundles: ScenarioBundle[] = [];
let sims: Simulator[] = [];
const notifier = new RecordingNotifier('slack');
let setup: ScanSetup;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  client = local.client();
  await createHistoryTable(client, TABLE);
  bundles = await istioPair(NOW, 'distinct-roots');
  sims = await Promise.all(bundles.map((b) => startSimulator({ scenario: b.scenario })));
  const clock = new FixedClock(NOW);
  const store = new DynamoDbHistoryStore(client, TABLE);
  setup = {
    record: { store, notifiers: [notifier], clock, alertRules: SCAN_ALERT_RULES },
    timeoutMs: 30_000,
    detailedMetrics: false,
    async connect(target) {
      const sim = sims.find((s) => s.name === target.name)!;
      const api = ClientNodeKubeApi.fromEndpoint({
        cluster: target.name,
        endpoint: sim.url,
        caPem: sim.caPem,
        token: async () => sim.token('admin'),
      });
      return { clock, sources: clusterSources(api, clock) };
    },
  };
});

afterAll(async () => {
  client?.destroy();
  await Promise.all([local?.stop(), ...sims.map((s) => s.stop())]);
});

const message = (name: string) => JSON.stringify({ name, region: 'eu-west-1', account: '111111111111' });
const trustAlerts = () => notifier.alerts.filter((a) => a.finding.rule === 'trust_domain_root_mismatch');

it('the first cluster alone: nothing to compare with', async () => {
  expect(await processScanMessage(setup, message('east'))).toBe(true);
  expect(trustAlerts()).toEqual([]);
});

it('the second cluster: a critical on both clusters, each alerted once', async () => {
  expect(await processScanMessage(setup, message('west'))).toBe(true);
  const opened = trustAlerts().map((a) => `${a.transition} ${a.clusterId} ${a.finding.severity}`);
  expect(opened.sort()).toEqual([
    'opened eks:111111111111:eu-west-1:east critical',
    'opened eks:111111111111:eu-west-1:west critical',
  ]);
  expect(trustAlerts().find((a) => a.clusterId?.endsWith(':east'))?.finding.message).toContain(
    'linked cluster west',
  );
});

it('rescans of either cluster send nothing more, and keep the scan alerts apart', async () => {
  const before = notifier.alerts.length;
  expect(await processScanMessage(setup, message('east'))).toBe(true);
  expect(await processScanMessage(setup, message('west'))).toBe(true);
  expect(notifier.alerts.slice(before)).toEqual([]);
});

it('stores one bounded summary per cluster, without key material', async () => {
  const out = await client.send(new ScanCommand({ TableName: TABLE }));
  const summaries = (out.Items ?? []).filter((i) => i.pk?.S === 'TRUST');
  expect(summaries.map((i) => i.sk?.S).sort()).toEqual([
    'eks:111111111111:eu-west-1:east',
    'eks:111111111111:eu-west-1:west',
  ]);
  for (const item of summaries) expect(item.data?.S?.length ?? 0).toBeLessThan(20_000);
  const everything = JSON.stringify(out.Items);
  for (const line of bundles.flatMap((b) => b.canaries).flatMap(canaryLines))
    expect(everything).not.toContain(line);
});

it("east's root added to west's bundle resolves the mismatch on both; west still issues from a root east lacks", async () => {
  const east = bundles[0]!;
  const root = east.certs.signingRoot!;
  const west = sims[1]!;
  for (const name of ['cacerts', 'istio-ca-root-cert']) {
    const kind = name === 'cacerts' ? 'Secret' : 'ConfigMap';
    const object = bundles[1]!.scenario.objects.find((o) => o.kind === kind && o.metadata.name === name)!;
    const key = 'root-cert.pem';
    const data = object.data as Record<string, string>;
    const current = kind === 'Secret' ? Buffer.from(data[key]!, 'base64').toString() : data[key]!;
    const both = current + root.pem;
    west.put({
      ...object,
      data: { ...data, [key]: kind === 'Secret' ? Buffer.from(both).toString('base64') : both },
    });
  }
  expect(await processScanMessage(setup, message('west'))).toBe(true);
  const resolved = trustAlerts()
    .filter((a) => a.transition === 'resolved')
    .map((a) => a.clusterId);
  expect(resolved.sort()).toEqual(['eks:111111111111:eu-west-1:east', 'eks:111111111111:eu-west-1:west']);
});

it('the digest shows the trust group: who is linked, which roots each trusts, the rotation in flight', async () => {
  const digestChannel = new RecordingNotifier('email');
  const store = new DynamoDbHistoryStore(client, TABLE);
  await sendDigest({ store, notifiers: [digestChannel], clock: new FixedClock(NOW) });
  const text = digestChannel.digests[0]?.text ?? '';
  const section = text.slice(text.indexOf('Trust groups')).replace(/\s+/g, ' ');
  expect(section).toContain('Istio: east, west');
  expect(section).toContain('mesh id mesh1');
  expect(section).toMatch(/east trusts CN=Mesh Root,O=cluster\.local [0-9a-f]{12} \(until [^)]*, issuing\)/);
  expect(section).toMatch(
    /rotation in flight: CN=West Root,O=cluster\.local [0-9a-f]{12} is in west, not yet in east/,
  );
});

describe('trust domains (mesh config changed in place)', () => {
  const domainAlerts = () => notifier.alerts.filter((a) => a.finding.rule === 'trust_domain_not_accepted');
  const meshConfig = (i: number, yaml: string) => {
    const object = bundles[i]!.scenario.objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio',
    )!;
    sims[i]!.put({ ...object, data: { mesh: yaml } });
  };

  it('east moved to trust domain east.example, unknown to west: a critical on both, once each', async () => {
    meshConfig(0, 'trustDomain: east.example\ndefaultConfig:\n  meshId: mesh1\n');
    expect(await processScanMessage(setup, message('east'))).toBe(true);
    expect(await processScanMessage(setup, message('west'))).toBe(true);
    const opened = domainAlerts().map((a) => `${a.transition} ${a.clusterId} ${a.finding.severity}`);
    expect(opened.sort()).toEqual([
      'opened eks:111111111111:eu-west-1:east critical',
      'opened eks:111111111111:eu-west-1:west critical',
    ]);
    expect(domainAlerts().find((a) => a.clusterId?.endsWith(':west'))?.finding.message).toContain(
      'this cluster does not accept its trust domain east.example (it accepts cluster.local)',
    );
  });

  it('each listing the other as an alias resolves both', async () => {
    meshConfig(
      0,
      'trustDomain: east.example\ntrustDomainAliases: [cluster.local]\ndefaultConfig:\n  meshId: mesh1\n',
    );
    meshConfig(1, 'trustDomainAliases: [east.example]\ndefaultConfig:\n  meshId: mesh1\n');
    expect(await processScanMessage(setup, message('east'))).toBe(true);
    expect(await processScanMessage(setup, message('west'))).toBe(true);
    const resolved = domainAlerts()
      .filter((a) => a.transition === 'resolved')
      .map((a) => a.clusterId);
    expect(resolved.sort()).toEqual(['eks:111111111111:eu-west-1:east', 'eks:111111111111:eu-west-1:west']);
  });
});
