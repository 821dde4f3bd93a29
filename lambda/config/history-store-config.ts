/**
 * Opens the HistoryStore the CLI asked for: `local` (embedded dynalite under the state dir,
 * default ~/.certwatch), `memory` (embedded, forgotten on close) or `dynamodb` (the real table
 * named by CERTWATCH_TABLE_NAME, endpoint from AWS_ENDPOINT_URL_DYNAMODB as the SDK reads it).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbHistoryStore } from '../adapters/dynamodb/dynamodb-history-store';
import { LocalHistoryStore } from '../adapters/local-store';
import type { HistoryStore } from '../ports/history-store';
import { ENV } from './env-names';

/** Where history lives. */
export type StoreKind = 'local' | 'memory' | 'dynamodb';

/** An open store and how to release it. */
export interface OpenedStore {
  readonly store: HistoryStore;
  close(): Promise<void>;
}

/** `--state-dir`, else ~/.certwatch. */
export function defaultStateDir(flag: string | undefined): string {
  return flag ?? join(homedir(), '.certwatch');
}

/** Opens the store; a missing table name for `dynamodb` is a clear error. */
export async function openHistoryStore(
  kind: StoreKind,
  stateDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<OpenedStore> {
  if (kind === 'dynamodb') {
    const table = env[ENV.tableName];
    if (!table) throw new Error(`--store dynamodb needs ${ENV.tableName} (the history table name)`);
    const client = new DynamoDBClient({});
    return { store: new DynamoDbHistoryStore(client, table), close: async () => client.destroy() };
  }
  const store = await LocalHistoryStore.open(kind === 'local' ? { stateDir } : {});
  return { store, close: () => store.close() };
}
