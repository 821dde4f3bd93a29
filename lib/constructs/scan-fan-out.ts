/**
 * The scan fan-out: a dispatcher Lambda sends one SQS message per cluster; the scan Lambda takes
 * them one at a time (batch size 1, partial batch failures), at most `maxConcurrency` at once;
 * messages that keep failing land in a dead-letter queue. 1 or 500 clusters work the same.
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../lambda/config/env-names';
import { CertwatchFunction } from './certwatch-function';

/** Where the scan Lambda runs when it must reach something private (a Vault in a VPC). */
export interface ScanNetwork {
  readonly vpc: ec2.IVpc;
  readonly subnets: readonly ec2.ISubnet[];
  /** @default - a new security group allowing all outbound traffic */
  readonly securityGroups?: readonly ec2.ISecurityGroup[];
}

/** Props of {@link ScanFanOut}. */
export interface ScanFanOutProps {
  /** Environment shared by both functions (table, topics, clusters, thresholds…). */
  readonly environment: Record<string, string>;
  /** Fixed role names so member accounts can trust them. */
  readonly dispatchRoleName?: string;
  readonly scanRoleName?: string;
  /** @default 5 */
  readonly maxConcurrency?: number;
  /** @default Duration.minutes(5) */
  readonly scanTimeout?: Duration;
  /** @default 1024 */
  readonly scanMemoryMiB?: number;
  /** Run the scan Lambda in these subnets (the dispatcher and digest stay outside). @default - no VPC */
  readonly scanNetwork?: ScanNetwork;
  /** Receives before a message goes to the DLQ. @default 3 */
  readonly maxReceiveCount?: number;
}

/** Dispatcher → queue (+ DLQ) → scan Lambda. */
export class ScanFanOut extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly dispatchFunction: CertwatchFunction;
  readonly scanFunction: CertwatchFunction;

  constructor(scope: Construct, id: string, props: ScanFanOutProps) {
    super(scope, id);
    const scanTimeout = props.scanTimeout ?? Duration.minutes(5);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'ScanQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS guidance: at least 6× the function timeout, so retries don't race in-flight scans.
      visibilityTimeout: Duration.seconds(scanTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 3 },
    });
    this.dispatchFunction = new CertwatchFunction(this, 'Dispatch', {
      handler: 'dispatch',
      roleName: props.dispatchRoleName,
      environment: { ...props.environment, [ENV.scanQueueUrl]: this.queue.queueUrl },
      timeout: Duration.minutes(2),
    });
    this.queue.grantSendMessages(this.dispatchFunction);
    this.scanFunction = new CertwatchFunction(this, 'Scan', {
      handler: 'scan',
      roleName: props.scanRoleName,
      environment: props.environment,
      timeout: scanTimeout,
      memorySize: props.scanMemoryMiB ?? 1024,
      ...(props.scanNetwork ? { network: props.scanNetwork } : {}),
    });
    this.scanFunction.addEventSource(
      new sources.SqsEventSource(this.queue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency ?? 5,
      }),
    );
  }

  /** The scan Lambda's role (for table, topic, secret and EKS grants). */
  get scanGrantee(): iam.IGrantable {
    return this.scanFunction;
  }

  /** Errors of the scan Lambda (each failed message). */
  metricScanErrors(): cloudwatch.Metric {
    return this.scanFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
  }
}
