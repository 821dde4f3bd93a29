/**
 * The history table: one DynamoDB table (pk/sk) with a GSI that orders certificates by notAfter for
 * the digest, TTL on `expiresAt`, on-demand billing, point-in-time recovery, encryption, RETAIN.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE } from '../../lambda/adapters/dynamodb/table-schema';

/**
 * The DynamoDB actions each Lambda's code calls through DynamoDbHistoryStore (and nothing else: no
 * Scan, no DeleteItem, no table management). Read from the store methods each use case calls:
 * - scan: recordScan (loadCluster: GetItem + Query; saveScan: PutItem, or BatchWriteItem whose
 *   delete requests remove observations gone from the cluster), drive-alerts (claims: UpdateItem;
 *   conditional alert writes: PutItem; loadAlerts, clusterIdentities: Query), the fleet trust check
 *   (putTrustSummary: PutItem; loadTrustSummaries: Query);
 * - dispatch: watchFleet (listClusters, loadAlerts: Query; putSighting: PutItem) and the alerts it
 *   drives (UpdateItem, PutItem);
 * - digest: sendDigest (listClusters, loadCluster's observations, alerts, events and the notAfter
 *   index: Query; getCertificate, getMarker, the cluster state: GetItem; putMarker: PutItem).
 */
export const HISTORY_ACTIONS = {
  scan: [
    'dynamodb:GetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:UpdateItem',
  ],
  dispatch: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  digest: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
} as const;

/** Props of {@link HistoryTable}. */
export interface HistoryTableProps {
  /** @default RemovalPolicy.RETAIN - history outlives the stack */
  readonly removalPolicy?: RemovalPolicy;
  /** @default - generated */
  readonly tableName?: string;
}

/** The DynamoDB table behind DynamoDbHistoryStore. */
export class HistoryTable extends Construct {
  /** The underlying table. */
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: HistoryTableProps = {}) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE.ttlAttribute,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE.notAfterIndex,
      partitionKey: { name: TABLE.notAfterIndexPartitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.notAfterIndexSortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }

  /**
   * Exactly `actions` on the table (see {@link HISTORY_ACTIONS}), and on its notAfter index when
   * `index` (only the digest queries it).
   */
  grantActions(grantee: iam.IGrantable, actions: readonly string[], index = false): iam.Grant {
    const tableArn = this.table.tableArn;
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...actions],
      resourceArns: index ? [tableArn, `${tableArn}/index/${TABLE.notAfterIndex}`] : [tableArn],
    });
  }
}
