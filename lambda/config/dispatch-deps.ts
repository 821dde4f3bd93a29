/**
 * Composition root of the dispatch Lambda: the SQS queue and, when configured, EKS discovery.
 * Built once per cold start from the environment.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { EksClusterDirectory } from '../adapters/eks/eks-cluster-directory';
import { SqsScanQueue } from '../adapters/sqs/sqs-scan-queue';
import type { DispatchDeps } from '../app/dispatch';
import type { ClusterTarget } from '../ports/scan-queue';
import { EnvError, type LambdaEnv } from './lambda-env';

/** Dispatch dependencies plus the configured clusters. */
export interface DispatchSetup {
  readonly deps: DispatchDeps;
  readonly configured: readonly ClusterTarget[];
}

/** Builds the dispatch dependencies; `sqs` is injectable for tests. */
export function dispatchSetup(env: LambdaEnv, sqs: SQSClient = new SQSClient({})): DispatchSetup {
  if (!env.scanQueueUrl) throw new EnvError('invalid Lambda environment: CERTWATCH_SCAN_QUEUE_URL: required');
  return {
    deps: {
      queue: new SqsScanQueue(sqs, env.scanQueueUrl),
      directory: env.discovery ? new EksClusterDirectory(env.discovery) : undefined,
    },
    configured: env.clusters,
  };
}
