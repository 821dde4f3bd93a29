/**
 * Two overlapping scans of one cluster (two stores and two Slack clients, as two Lambdas would
 * have) against the real DynamoDB Local and the loopback Slack API: the alert claim lets exactly one
 * of them deliver each alert; a claim left by a crashed run blocks only until its lease lapses.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { SlackNotifier } from '#adapters/slack/slack-notifier';
import { type RecordScanDeps, recordScan } from '#app/record-scan';
import { findingKey } from '#domain/history/keys';
import type { Assessment, Finding } from '#domain/model';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

jest.setTimeout(90_000);

const NOW = '2030-06-11T00:00:00Z';
const MINUTE = 60_000;
const certs = ['trust-anchor', 'issuer'].map((name) =>
  assessed({
    name,
    notBefore: '2030-01-01T00:00:00Z',
    notAfter: '2030-07-01T00:00:00Z',
    sources: [{ kind: 'Secret', namespace: 'linkerd', name, key: 'crt.pem' }],
  }),
);
const findings: Finding[] = ['trust-anchor', 'issuer'].map((name) => ({
  severity: 'critical',
  rule: 'expiring_soon',
  fingerprint: fingerprintOf(name),
  message: `${name} expires in 20 days`,
}));
const broken: Assessment = { certificates: certs, findings, errors: [] };
const fixed: Assessment = { certificates: certs, findings: [], errors: [] };

let local: DynamoDbLocal;
let client: DynamoDBClient;
let slackApi: SlackApi;
let tables = 0;

beforeAll(async () => {
  [local, slackApi] = await Promise.all([startDynamoDbLocal(), startSlackApi()]);
  client = local.client();
});
afterAll(async () => {
  client?.destroy();
  await Promise.all([local?.stop(), slackApi?.stop()]);
});
beforeEach(() => {
  slackApi.clearFaults();
  slackApi.messages.length = 0;
});

/** One "Lambda": its own store object and Slack client over the shared table and Slack. */
function instance(table: string, clock: FixedClock): RecordScanDeps {
  const slack = new SlackNotifier({ token: slackApi.token, channel: 'C0ALERTS', slackApiUrl: slackApi.url });
  return { store: new DynamoDbHistoryStore(client, table), notifiers: [slack], clock };
}

async function freshTable(): Promise<string> {
  const table = `claims-${++tables}`;
  await createHistoryTable(client, table);
  return table;
}

const record = (deps: RecordScanDeps, assessment: Assessment) =>
  recordScan(deps, { cluster: 'edge', assessment, status: 'ok' });

describe('alert claims under concurrent scans', () => {
  it('two overlapping scans send each alert once, and resolve it once, in its thread', async () => {
    const table = await freshTable();
    const clock = new FixedClock(NOW);
    const [a, b] = [instance(table, clock), instance(table, clock)];
    // A slow Slack keeps both runs in flight together.
    slackApi.failAlways({ type: 'delay', ms: 300 });
    const opened = await Promise.all([record(a, broken), record(b, broken)]);
    expect(slackApi.messages).toHaveLength(2);
    expect(new Set(slackApi.messages.map((m) => m.text)).size).toBe(2);
    expect(opened.flatMap((r) => r.alerts).filter((o) => o.delivered)).toHaveLength(2);
    const stored = await a.store.loadAlerts('edge');
    expect(stored.map((r) => r.channels['slack']?.ref).sort()).toEqual(
      slackApi.messages.map((m) => m.ts).sort(),
    );

    clock.advance(60 * MINUTE);
    await Promise.all([record(a, broken), record(b, broken)]);
    expect(slackApi.messages).toHaveLength(2);

    clock.advance(60 * MINUTE);
    await Promise.all([record(a, fixed), record(b, fixed)]);
    const resolved = slackApi.messages.slice(2);
    expect(resolved).toHaveLength(2);
    expect(resolved.map((m) => m.thread_ts).sort()).toEqual(
      slackApi.messages
        .slice(0, 2)
        .map((m) => m.ts)
        .sort(),
    );
  });

  it('a claim left by a crashed run holds the alert until its lease lapses, then the next run sends it', async () => {
    const table = await freshTable();
    const clock = new FixedClock(NOW);
    const deps = instance(table, clock);
    const key = findingKey('edge', findings[0] as Finding);
    const crashed = await deps.store.claimAlert({
      cluster: 'edge',
      key,
      owner: 'crashed-run',
      now: clock.now(),
      until: new Date(clock.now().getTime() + 5 * MINUTE),
    });
    expect(crashed).toEqual({ claimed: true, current: undefined });
    expect(await deps.store.loadAlerts('edge')).toEqual([]); // a bare claim is not an alert

    clock.advance(MINUTE);
    await record(deps, broken);
    expect(slackApi.messages.map((m) => m.text)).toEqual([expect.stringContaining('issuer expires')]);

    clock.advance(5 * MINUTE);
    await record(deps, broken);
    expect(slackApi.messages).toHaveLength(2);
    expect(slackApi.messages[1]?.text).toContain('trust-anchor expires');
    const again = await deps.store.claimAlert({
      cluster: 'edge',
      key,
      owner: 'other',
      now: clock.now(),
      until: clock.now(),
    });
    expect(again).toMatchObject({ claimed: true, current: { key, state: 'open' } }); // saving ended the claim
  });

  it('a run whose claim lapsed cannot overwrite the newer claim, and stops delivering that alert', async () => {
    const table = await freshTable();
    const wall = new FixedClock(NOW);
    const store = new DynamoDbHistoryStore(client, table);
    const key = findingKey('edge', findings[0] as Finding);
    const claimOf = (owner: string) => ({
      cluster: 'edge',
      key,
      owner,
      now: wall.now(),
      until: new Date(wall.now().getTime() + 5 * MINUTE),
    });
    const slow = claimOf('slow-run');
    expect(await store.claimAlert(slow)).toMatchObject({ claimed: true });
    wall.advance(6 * MINUTE); // the slow run's lease lapsed; a newer run claims
    const newer = claimOf('newer-run');
    expect(await store.claimAlert(newer)).toMatchObject({ claimed: true });
    const base = {
      key,
      cluster: 'edge',
      state: 'open' as const,
      severity: 'critical' as const,
      finding: findings[0] as Finding,
      openedAt: NOW,
    };
    const saved = await store.saveAlert(
      {
        ...base,
        channels: { slack: { state: 'open', severity: 'critical', notifiedAt: NOW, ref: 'newer' } },
      },
      newer,
    );
    expect(saved?.version).toBe(1);
    // The slow run, back from Slack, tries to store its own thread: refused.
    const late = {
      ...base,
      channels: {
        slack: { state: 'open' as const, severity: 'critical' as const, notifiedAt: NOW, ref: 'slow' },
      },
    };
    expect(await store.saveAlert(late, slow)).toBeUndefined();
    expect(await store.saveAlert({ ...late, version: 1 }, slow)).toBeUndefined();
    const [kept] = await store.loadAlerts('edge');
    expect(kept?.channels['slack']?.ref).toBe('newer');
    // A stale version is refused even to the claim's owner.
    expect(await store.saveAlert({ ...late, version: 0 }, newer)).toBeUndefined();
    expect(await store.saveAlert({ ...saved!, state: 'resolved' }, newer, { release: true })).toMatchObject({
      version: 2,
    });
  });

  it("the lease runs on the wall clock, not a frozen scan time, and covers the run's remaining time", async () => {
    const table = await freshTable();
    // `--now` in the past: with the lease taken from it, the claim would be lapsed on arrival.
    const frozen = new FixedClock('2020-01-01T00:00:00Z');
    const wall = new FixedClock(NOW);
    const slack = new SlackNotifier({
      token: slackApi.token,
      channel: 'C0ALERTS',
      slackApiUrl: slackApi.url,
    });
    const deps = (clock: FixedClock): RecordScanDeps => ({
      store: new DynamoDbHistoryStore(client, table),
      notifiers: [slack],
      clock,
      wallClock: wall,
      remainingMs: () => 15 * MINUTE,
    });
    slackApi.failAlways({ type: 'delay', ms: 300 });
    const first = record(deps(frozen), broken);
    // Ten minutes of wall time later (past the 5-minute lease, within the remaining 15): still held.
    await new Promise((resolve) => setTimeout(resolve, 100));
    wall.advance(10 * MINUTE);
    // The second run was given another --now, an hour on: judged by it, the first claim had lapsed.
    await record(deps(new FixedClock('2020-01-01T01:00:00Z')), broken);
    await first;
    expect(slackApi.messages).toHaveLength(2); // each alert once, whichever run claimed it
    expect(new Set(slackApi.messages.map((m) => m.text)).size).toBe(2);
  });

  it('an alert that opens again after it resolved is sent again, as a new thread (its stored version carries on)', async () => {
    const table = await freshTable();
    const clock = new FixedClock(NOW);
    const deps = instance(table, clock);
    await record(deps, broken);
    clock.advance(60 * MINUTE);
    await record(deps, fixed);
    clock.advance(60 * MINUTE);
    const reopened = await record(deps, broken);
    expect(reopened.alerts.filter((d) => !d.delivered)).toEqual([]);
    const roots = slackApi.messages.filter((m) => !m.thread_ts);
    const replies = slackApi.messages.filter((m) => m.thread_ts);
    expect(roots).toHaveLength(4); // two alerts opened, twice each
    expect(replies).toHaveLength(2); // each resolved once, in its first thread
    clock.advance(60 * MINUTE);
    await record(deps, broken);
    expect(slackApi.messages).toHaveLength(6); // nothing more
  });
});
