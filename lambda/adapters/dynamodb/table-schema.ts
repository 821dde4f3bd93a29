/**
 * The history table's layout: key names, the notAfter index, the TTL attribute, item keys, and the
 * CreateTable input (for tests and the local store; the CDK stack declares the same shape).
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Index ordering certificate facts by notAfter (partition `CERT`, sort `notAfter#fingerprint`). */
export const NOT_AFTER_INDEX = 'byNotAfter';
/** TTL attribute (epoch seconds) on events, summaries, resolved alerts and long-expired facts. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Retention of time-series items (TTL); facts go 90 days after their notAfter. */
export interface HistoryRetention {
  /** @default 400 */
  readonly eventDays?: number;
  /** @default 90 */
  readonly summaryDays?: number;
  /** @default 90 */
  readonly resolvedAlertDays?: number;
}

/** Item keys. Prefixes are stored: never rename them. */
export const keys = {
  certificate: (fp: string) => ({ pk: `CERT#${fp}`, sk: 'FACTS' }),
  clusterState: (cluster: string) => ({ pk: 'CLUSTERS', sk: cluster }),
  observation: (cluster: string, fp: string) => ({ pk: `CLUSTER#${cluster}`, sk: `OBS#${fp}` }),
  summary: (cluster: string, at: string) => ({ pk: `CLUSTER#${cluster}`, sk: `SCAN#${at}` }),
  event: (cluster: string, at: string, n: number) => ({
    pk: `CLUSTER#${cluster}`,
    sk: `EVENT#${at}#${String(n).padStart(4, '0')}`,
  }),
  alert: (cluster: string, key: string) => ({ pk: `CLUSTER#${cluster}`, sk: `ALERT#${key}` }),
  /** A cert-manager Certificate's status; `key` is `namespace/name`. */
  certManager: (cluster: string, key: string) => ({ pk: `CLUSTER#${cluster}`, sk: `CMCERT#${key}` }),
  marker: (name: string) => ({ pk: 'META', sk: `MARKER#${name}` }),
};

/** CreateTable input for the history table: pay per request, one GSI on notAfter. */
export function historyTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: NOT_AFTER_INDEX,
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
