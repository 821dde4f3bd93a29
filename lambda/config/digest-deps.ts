/**
 * Composition root of the digest Lambda: the history store, the channels and the clock, built once
 * per cold start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbHistoryStore } from '../adapters/dynamodb/dynamodb-history-store';
import type { ScanSchedule } from '../domain/history/scan-missed';
import type { Clock } from '../ports/clock';
import type { HistoryStore } from '../ports/history-store';
import type { Notifier } from '../ports/notifier';
import type { LambdaEnv } from './lambda-env';
import { type NotifierClients, notifiersFor } from './notifiers';

/** What the digest handler passes to sendDigest. */
export interface DigestSetup {
  readonly store: HistoryStore;
  readonly notifiers: readonly Notifier[];
  readonly clock: Clock;
  readonly schedule: ScanSchedule;
  /** IANA zone of the schedule (the digest text itself is in UTC). */
  readonly timeZone: string;
}

/** Builds the digest dependencies; clients injectable for tests. */
export async function digestSetup(
  env: LambdaEnv,
  clients: NotifierClients & { dynamodb?: DynamoDBClient; clock?: Clock } = {},
): Promise<DigestSetup> {
  return {
    store: new DynamoDbHistoryStore(clients.dynamodb ?? new DynamoDBClient({}), env.tableName, {
      eventDays: env.historyRetentionDays,
    }),
    notifiers: await notifiersFor(env, clients),
    clock: clients.clock ?? { now: () => new Date() },
    schedule: { intervalMinutes: env.scanIntervalMinutes },
    timeZone: env.timeZone,
  };
}
