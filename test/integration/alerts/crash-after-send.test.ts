/**
 * A run that dies between Slack accepting an alert and saving it (the Lambda timed out, the save
 * failed), then the redelivered message: against DynamoDB Local and the loopback Slack API, the
 * attempt recorded before sending is found again by its message metadata and adopted, so the alert
 * has exactly one Slack thread, and its resolution goes into that thread.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { SlackNotifier } from '#adapters/slack/slack-notifier';
import { type RecordScanDeps, recordScan } from '#app/record-scan';
import type { AlertClaim } from '#domain/history/alert-claim';
import type { AlertRecord } from '#domain/history/records';
import type { Assessment } from '#domain/model';
import type { Clock } from '#ports/clock';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

jest.setTimeout(90_000);

const cert = assessed({
  name: 'trust-anchor',
  notBefore: '2030-01-01T00:00:00Z',
  notAfter: '2030-07-01T00:00:00Z',
  sources: [{ kind: 'Secret', namespace: 'linkerd', name: 'trust-anchor', key: 'ca.crt' }],
});
const broken: Assessment = {
  certificates: [cert],
  findings: [
    {
      severity: 'critical',
      rule: 'expiring_soon',
      fingerprint: fingerprintOf('trust-anchor'),
      message: 'trust-anchor expires in 20 days',
    },
  ],
  errors: [],
};
const fixed: Assessment = { certificates: [cert], findings: [], errors: [] };

/** The real time shifted by `offsetMs` (Slack stamps messages with the real time). */
class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** Dies (throws) on the first save that would record a Slack delivery: the crash window. */
class CrashingStore extends DynamoDbHistoryStore {
  crashes = 1;
  override async saveAlert(alert: AlertRecord, claim: AlertClaim, options?: { release?: boolean }) {
    if (this.crashes > 0 && alert.channels['slack']?.ref) {
      this.crashes -= 1;
      throw new Error('Lambda timed out after Slack accepted the post');
    }
    return super.saveAlert(alert, claim, options);
  }
}

let local: DynamoDbLocal;
let client: DynamoDBClient;
let slackApi: SlackApi;

beforeAll(async () => {
  [local, slackApi] = await Promise.all([startDynamoDbLocal(), startSlackApi()]);
  client = local.client();
  await createHistoryTable(client, 'crash');
});
afterAll(async () => {
  client?.destroy();
  await Promise.all([local?.stop(), slackApi?.stop()]);
});

it('a crash between Slack accepting a post and the save, then a redelivery, leaves exactly one thread', async () => {
  const scanClock = new FixedClock('2030-06-11T00:00:00Z');
  const wall = new ShiftedClock();
  const store = new CrashingStore(client, 'crash');
  const slack = new SlackNotifier({ token: slackApi.token, channel: 'C0ALERTS', slackApiUrl: slackApi.url });
  const deps: RecordScanDeps = { store, notifiers: [slack], clock: scanClock, wallClock: wall };
  const scan = (assessment: Assessment) => recordScan(deps, { cluster: 'edge', assessment, status: 'ok' });

  const crashed = await scan(broken);
  expect(crashed.alerts).toEqual([expect.objectContaining({ delivered: false, channel: 'history' })]);
  expect(slackApi.messages).toHaveLength(1); // Slack has it; history does not know
  expect(slackApi.messages[0]?.metadata).toMatchObject({
    event_type: 'certwatch_alert',
    event_payload: { delivery_id: expect.any(String), attempt: 1, transition: 'opened' },
  });
  const [pending] = await store.loadAlerts('edge');
  expect(pending?.attempts?.['slack']).toMatchObject({ transition: 'opened', attempt: 1 });

  // SQS redelivers after the visibility timeout; the crashed run's claim has lapsed by then.
  wall.offsetMs = 6 * 60_000;
  const redelivered = await scan(broken);
  expect(redelivered.alerts).toEqual([
    expect.objectContaining({ channel: 'slack', transition: 'opened', delivered: true, adopted: true }),
  ]);
  expect(slackApi.messages).toHaveLength(1);
  const [adopted] = await store.loadAlerts('edge');
  expect(adopted?.channels['slack']?.ref).toBe(slackApi.messages[0]?.ts);
  expect(adopted?.attempts?.['slack']).toBeUndefined();

  // A third run sends nothing; the resolution goes into the one thread.
  await scan(broken);
  expect(slackApi.messages).toHaveLength(1);
  scanClock.advance(3600_000);
  await scan(fixed);
  expect(slackApi.messages).toHaveLength(2);
  expect(slackApi.messages[1]?.thread_ts).toBe(slackApi.messages[0]?.ts);
  expect(new Set(slackApi.messages.map((m) => m.thread_ts ?? m.ts)).size).toBe(1);
});
