/**
 * DynamoDbHistoryStore against the real DynamoDB Local: round trips, the notAfter index, exactly one
 * write for an unchanged rescan (cert-manager status included), and a planted private key that must
 * never reach the table.
 */
import { generateKeyPairSync } from 'node:crypto';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { recordScan } from '#app/record-scan';
import type { Assessment, Finding } from '#domain/model';
import type { SourceSignal } from '#domain/signals';
import { countWrites, type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { type AssessedSpec, assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { RecordingNotifier } from '#support/fakes/recording-notifier';
import { COPIES, recordManyCopiesTwice } from '#support/many-copies';

jest.setTimeout(90_000);

const secret = { kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'ca-cert.pem' };
const spec = (name: string, notAfter: string, over: Partial<AssessedSpec> = {}): AssessedSpec => ({
  name,
  notBefore: '2029-01-01T00:00:00Z',
  notAfter,
  sources: [{ ...secret, name }],
  level: 'intermediate',
  role: 'istio-intermediate',
  mesh: 'istio',
  ...over,
});
const scan = (findings: Finding[], ...specs: AssessedSpec[]): Assessment => ({
  certificates: specs.map(assessed),
  findings,
  errors: [],
});

let local: DynamoDbLocal;
let client: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoDbLocal();
  client = local.client();
});
afterAll(async () => {
  client?.destroy();
  await local?.stop();
});

async function freshStore(table: string) {
  await createHistoryTable(client, table);
  return new DynamoDbHistoryStore(client, table);
}

async function allItems(table: string): Promise<string> {
  const out = await client.send(new ScanCommand({ TableName: table }));
  return JSON.stringify(out.Items ?? []);
}

/** Three scans: first sight, unchanged, one Certificate renewed and one gone. */
async function certManagerWrites(store: DynamoDbHistoryStore, writes: ReturnType<typeof countWrites>) {
  const clock = new FixedClock('2030-06-01T00:00:00Z');
  const deps = { store, notifiers: [], clock };
  const assessment = scan([], spec('a', '2031-01-01T00:00:00Z'));
  const status = (name: string, renewalTime: string): SourceSignal => ({
    type: 'cert-manager-certificate',
    source: { kind: 'Certificate', namespace: 'apps', name },
    secretName: `${name}-tls`,
    ready: true,
    notAfter: '2030-06-06T00:00:00Z',
    renewalTime,
  });
  const signals = [status('web', '2030-05-22T00:00:00Z'), status('api', '2030-06-03T00:00:00Z')];
  await recordScan(deps, { cluster: 'prod', assessment, status: 'ok', signals });
  expect(writes.count).toBe(1 + 1 + 1 + 2 + 1 + 1); // facts, observation, event, 2 statuses, state, summary
  writes.reset();
  clock.advance(3600_000);
  await recordScan(deps, { cluster: 'prod', assessment, status: 'ok', signals });
  expect(writes.count).toBe(1);
  writes.reset();
  const renewed = [status('web', '2030-07-22T00:00:00Z')];
  await recordScan(deps, { cluster: 'prod', assessment, status: 'ok', signals: renewed });
  expect(writes.count).toBe(1 + 1 + 1); // web changed, api deleted, summary
  expect((await store.loadCluster('prod')).certManager).toEqual([
    expect.objectContaining({ namespace: 'apps', name: 'web', renewalTime: '2030-07-22T00:00:00Z' }),
  ]);
}

describe('DynamoDbHistoryStore on DynamoDB Local', () => {
  it('writes exactly one item when an unchanged cluster is rescanned', async () => {
    const store = await freshStore('writes');
    const clock = new FixedClock('2030-06-01T00:00:00Z');
    const deps = { store, notifiers: [], clock };
    const assessment = scan([], spec('a', '2031-01-01T00:00:00Z'), spec('b', '2030-09-01T00:00:00Z'));
    const writes = countWrites(client);
    await recordScan(deps, { cluster: 'prod', assessment, status: 'ok' });
    expect(writes.count).toBe(2 + 2 + 2 + 1 + 1); // facts, observations, appeared events, state, summary
    writes.reset();
    clock.advance(3600_000);
    await recordScan(deps, { cluster: 'prod', assessment, status: 'ok' });
    expect(writes.count).toBe(1);
    const history = await store.loadCluster('prod');
    expect(history.observations.map((o) => o.fingerprint).sort()).toEqual(
      [fingerprintOf('a'), fingerprintOf('b')].sort(),
    );
    expect(history.lastSummary).toMatchObject({
      at: '2030-06-01T01:00:00.000Z',
      status: 'ok',
      certificates: 2,
    });
    expect(history.state).toMatchObject({ watchedSince: '2030-06-01T00:00:00.000Z', certificates: 2 });
  });

  it('keeps cert-manager status as small items: written on change only, one write per unchanged rescan', async () => {
    await createHistoryTable(client, 'certmanager');
    const own = local.client(); // its own write counter: middleware names are unique per client
    try {
      await certManagerWrites(new DynamoDbHistoryStore(own, 'certmanager'), countWrites(own));
    } finally {
      own.destroy();
    }
  });

  it(`records a root copied into ${COPIES} namespaces in items far below 400 KB, and rescans it silently`, async () => {
    const own = local.client(); // its own write counter
    await createHistoryTable(own, 'copies');
    const store = new DynamoDbHistoryStore(own, 'copies');
    const writes = countWrites(own);
    const run = await recordManyCopiesTwice(store, () => writes.count);
    expect(run.totalWrites - run.firstWrites).toBe(1);
    expect(run.alerts).toBe(0);
    const items = (await client.send(new ScanCommand({ TableName: 'copies' }))).Items ?? [];
    const largest = Math.max(...items.map((i) => JSON.stringify(i).length));
    expect(largest).toBeLessThan(16_000);
    const [observation] = (await store.loadCluster('big')).observations;
    expect(observation).toMatchObject({ sourcesTotal: COPIES });
    expect(observation?.sources).toHaveLength(25);
  });

  it('orders certificates by notAfter on the index and bounds the window', async () => {
    const store = await freshStore('expiry');
    const clock = new FixedClock('2030-06-01T00:00:00Z');
    const assessment = scan(
      [],
      spec('late', '2030-08-01T00:00:00Z'),
      spec('soon', '2030-06-10T00:00:00Z'),
      spec('far', '2032-01-01T00:00:00Z'),
    );
    await recordScan({ store, notifiers: [], clock }, { cluster: 'c1', assessment, status: 'ok' });
    const within = await store.certificatesExpiring(
      new Date('2030-06-01T00:00:00Z'),
      new Date('2030-09-01T00:00:00Z'),
    );
    expect(within.map((c) => c.subject)).toEqual(['CN=soon', 'CN=late']);
    expect(await store.getCertificate(fingerprintOf('far'))).toMatchObject({
      notAfter: '2032-01-01T00:00:00.000Z',
    });
    expect((await store.listClusters()).map((c) => c.cluster)).toEqual(['c1']);
    expect((await store.loadEvents('c1')).map((e) => e.type)).toEqual(['appeared', 'appeared', 'appeared']);
    expect(await store.loadEvents('c1', new Date('2030-06-02T00:00:00Z'))).toEqual([]);
  });

  it('keeps alert state and markers', async () => {
    const store = await freshStore('alerts');
    const slack = new RecordingNotifier('slack');
    const clock = new FixedClock('2030-06-01T00:00:00Z');
    const finding: Finding = {
      severity: 'critical',
      rule: 'x',
      fingerprint: fingerprintOf('a'),
      message: 'm',
    };
    const deps = { store, notifiers: [slack], clock };
    const assessment = scan([finding], spec('a', '2030-06-05T00:00:00Z'));
    await recordScan(deps, { cluster: 'c1', assessment, status: 'ok' });
    await recordScan(deps, { cluster: 'c1', assessment, status: 'ok' });
    expect(slack.alerts).toHaveLength(1);
    const [alert] = await store.loadAlerts('c1');
    expect(alert?.channels.slack).toMatchObject({ state: 'open', ref: 'slack-1' });
    await store.putMarker('last-digest', '2030-06-01T00:00:00.000Z');
    expect(await store.getMarker('last-digest')).toBe('2030-06-01T00:00:00.000Z');
  });

  it('never stores, sends or logs a private key planted in the input', async () => {
    const store = await freshStore('canary');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyBody = keyPem.split('\n')[1]!;
    const cert = assessed(spec('a', '2030-06-05T00:00:00Z'));
    // A sloppy source: the key rides along on the facts and as the "DER".
    const planted = { ...cert, facts: { ...cert.facts, der: Buffer.from(keyPem), privateKeyPem: keyPem } };
    const finding: Finding = {
      severity: 'critical',
      rule: 'x',
      fingerprint: cert.facts.fingerprint,
      message: 'm',
    };
    const slack = new RecordingNotifier('slack');
    slack.failNext = 1;
    const logs: string[] = [];
    const logger = { warn: (m: string, extra?: object) => logs.push(m + JSON.stringify(extra)) };
    const deps = { store, notifiers: [slack], clock: new FixedClock('2030-06-01T00:00:00Z'), logger };
    const assessment: Assessment = { certificates: [planted], findings: [finding], errors: [] };
    await recordScan(deps, { cluster: 'c1', assessment, status: 'ok' });
    await recordScan(deps, { cluster: 'c1', assessment, status: 'ok' });
    const everything = [await allItems('canary'), JSON.stringify(slack.alerts), logs.join('\n')].join('\n');
    expect(logs).toHaveLength(1);
    expect(slack.alerts).toHaveLength(1);
    expect(everything).toContain(cert.facts.fingerprint);
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toContain(keyBody);
    expect(everything).not.toContain(Buffer.from(keyPem).toString('base64').slice(0, 40));
  });
});
