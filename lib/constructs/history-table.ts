/**
 * The history table: one DynamoDB table (pk/sk) with a GSI that orders certificates by notAfter for
 * the digest, TTL on `expiresAt`, on-demand billing, point-in-time recovery, encryption, RETAIN.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE } from '../../lambda/adapters/dynamodb/table-schema';

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

  /** Read and write items (and query the notAfter index). */
  grantReadWriteData(grantee: iam.IGrantable): iam.Grant {
    return this.table.grantReadWriteData(grantee);
  }

  /** Read items and query the index (the digest). */
  grantReadData(grantee: iam.IGrantable): iam.Grant {
    return this.table.grantReadData(grantee);
  }
}
