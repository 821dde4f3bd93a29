/**
 * Composition root of the dispatch Lambda: the SQS queue and, when configured, EKS discovery; plus
 * the history store and channels for the missed-scan check that runs after each dispatch (a
 * cluster whose scans stopped arriving never reaches the scan Lambda, so only the dispatcher can
 * notice). Built once per cold start from the environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbHistoryStore } from '../adapters/dynamodb/dynamodb-history-store';
import { EksClusterDirectory } from '../adapters/eks/eks-cluster-directory';
import { SqsScanQueue } from '../adapters/sqs/sqs-scan-queue';
import type { DispatchDeps, DispatchResult } from '../app/dispatch';
import type { RecordScanDeps } from '../app/record-scan';
import type { MissedScanOptions } from '../app/record-scan-missed';
import { eksClusterIdentity } from '../domain/cluster-identity';
import type { Clock } from '../ports/clock';
import type { ClusterTarget } from '../ports/scan-queue';
import { EnvError, type LambdaEnv } from './lambda-env';
import { type NotifierClients, notifiersFor } from './notifiers';

/** Dispatch dependencies, the configured clusters, and what the missed-scan check needs. */
export interface DispatchSetup {
  readonly deps: DispatchDeps;
  readonly configured: readonly ClusterTarget[];
  readonly missed: RecordScanDeps;
}

/** SDK clients the dispatcher uses; each injectable for tests. */
export interface DispatchClients extends NotifierClients {
  readonly sqs?: SQSClient;
  readonly dynamodb?: DynamoDBClient;
  readonly clock?: Clock;
}

/** Builds the dispatch setup (async: the Slack token comes from Secrets Manager). */
export async function dispatchSetup(env: LambdaEnv, clients: DispatchClients = {}): Promise<DispatchSetup> {
  if (!env.scanQueueUrl) throw new EnvError('invalid Lambda environment: CERTWATCH_SCAN_QUEUE_URL: required');
  const store = new DynamoDbHistoryStore(clients.dynamodb ?? new DynamoDBClient({}), env.tableName, {
    eventDays: env.historyRetentionDays,
  });
  return {
    deps: {
      queue: new SqsScanQueue(clients.sqs ?? new SQSClient({}), env.scanQueueUrl),
      directory: env.discovery ? new EksClusterDirectory(env.discovery) : undefined,
    },
    configured: env.clusters,
    missed: {
      store,
      notifiers: await notifiersFor(env, clients),
      clock: clients.clock ?? { now: () => new Date() },
      schedule: { intervalMinutes: env.scanIntervalMinutes },
    },
  };
}

/**
 * Which clusters the missed-scan check judges after a dispatch: those this run meant to scan, so a
 * cluster removed from the configuration goes quiet; every known cluster when discovery failed
 * somewhere (its clusters are unscanned too, but no longer listed).
 */
export function missedScanScope(result: DispatchResult): MissedScanOptions {
  if (result.discoveryFailures.length > 0) return {};
  return { clusters: result.targets.map((t) => eksClusterIdentity(t).id) };
}
