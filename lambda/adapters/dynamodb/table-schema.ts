/**
 * The history table's layout: key names, the notAfter index, the TTL attribute, item keys, and the
 * CreateTable input (for tests and the local store). The CDK stack (lib/constructs/history-table.ts)
 * declares the table from the same TABLE names: this module is the one definition of both.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Attribute and index names of the history table. Stored: never rename them. */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** TTL attribute (epoch seconds) on events, summaries, resolved alerts and long-expired facts. */
  ttlAttribute: 'expiresAt',
  /** Index ordering certificate facts by notAfter (partition `CERT`, sort `notAfter#fingerprint`). */
  notAfterIndex: 'byNotAfter',
  notAfterIndexPartitionKey: 'gsi1pk',
  notAfterIndexSortKey: 'gsi1sk',
} as const;

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
  /** When the dispatcher last meant to scan a cluster, and its retirement (one partition, one query). */
  sighting: (cluster: string) => ({ pk: 'SIGHTINGS', sk: cluster }),
  /** A cluster's trust summary (one partition: the fleet check reads them all in one query). */
  trustSummary: (cluster: string) => ({ pk: 'TRUST', sk: cluster }),
};

/** CreateTable input for the history table: pay per request, one GSI on notAfter. */
export function historyTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      { AttributeName: TABLE.notAfterIndexPartitionKey, AttributeType: 'S' },
      { AttributeName: TABLE.notAfterIndexSortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: TABLE.notAfterIndex,
        KeySchema: [
          { AttributeName: TABLE.notAfterIndexPartitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.notAfterIndexSortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
