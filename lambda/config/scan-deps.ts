/**
 * Composition root of the scan Lambda. Built once per cold start: history store, notifiers (Slack
 * token read once from Secrets Manager), clock. Per message: credentials for the cluster (assumed
 * role or own), DescribeCluster, a cached EKS token, the KubeApi, the selected sources.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EKSClient } from '@aws-sdk/client-eks';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { DynamoDbHistoryStore } from '../adapters/dynamodb/dynamodb-history-store';
import { CachedEksToken } from '../adapters/eks/cached-eks-token';
import { clusterCredentials } from '../adapters/eks/cluster-credentials';
import { describeEksCluster } from '../adapters/eks/eks-cluster-describer';
import { ClientNodeKubeApi } from '../adapters/kubernetes/client-node-kube-api';
import { clusterSources } from '../adapters/kubernetes/sources';
import type { RecordScanDeps } from '../app/record-scan';
import type { ScanClusterDeps } from '../app/scan-cluster';
import type { PolicyOverrides } from '../domain/policy';
import type { Clock } from '../ports/clock';
import type { ClusterTarget } from '../ports/scan-queue';
import type { LambdaEnv } from './lambda-env';
import { type NotifierClients, notifiersFor } from './notifiers';
import { policyFromEnv } from './policy-from-env';
import { scanBudgetMs } from './scan-budget';

/** SDK clients and factories the scan needs; each injectable for tests. */
export interface ScanClients extends NotifierClients {
  readonly dynamodb?: DynamoDBClient;
  readonly eksFor?: (region: string, credentials: AwsCredentialIdentityProvider) => EKSClient;
  readonly credentialsFor?: (target: ClusterTarget) => AwsCredentialIdentityProvider;
  readonly clock?: Clock;
}

/** Everything the scan handler uses. */
export interface ScanSetup {
  readonly record: RecordScanDeps;
  readonly policy?: PolicyOverrides;
  readonly timeoutMs: number;
  readonly detailedMetrics: boolean;
  /** Connects to one cluster and returns the scanCluster deps for it. */
  connect(target: ClusterTarget): Promise<ScanClusterDeps>;
}

const systemClock: Clock = { now: () => new Date() };

/** Builds the scan setup from the environment (async: the Slack token comes from Secrets Manager). */
export async function scanSetup(env: LambdaEnv, clients: ScanClients = {}): Promise<ScanSetup> {
  const clock = clients.clock ?? systemClock;
  const dynamodb = clients.dynamodb ?? new DynamoDBClient({});
  const store = new DynamoDbHistoryStore(dynamodb, env.tableName, { eventDays: env.historyRetentionDays });
  const notifiers = await notifiersFor(env, clients);
  const eksFor = clients.eksFor ?? ((region, credentials) => new EKSClient({ region, credentials }));
  const credentialsFor =
    clients.credentialsFor ??
    ((t: ClusterTarget) => clusterCredentials({ region: t.region, roleArn: t.roleArn }));
  return {
    record: { store, notifiers, clock, schedule: { intervalMinutes: env.scanIntervalMinutes } },
    policy: policyFromEnv(env.thresholds),
    timeoutMs: scanBudgetMs(env.scanTimeoutSeconds),
    detailedMetrics: env.detailedMetrics,
    async connect(target) {
      const credentials = credentialsFor(target);
      const cluster = await describeEksCluster(eksFor(target.region, credentials), target.name);
      const token = new CachedEksToken({ clusterName: target.name, region: target.region, credentials });
      const api = ClientNodeKubeApi.fromEndpoint({
        cluster: target.name,
        endpoint: cluster.endpoint,
        caPem: cluster.caPem,
        token: () => token.token(),
      });
      const selected = target.sources;
      const all = clusterSources(api, clock, { allTlsSecrets: selected?.includes('tls-secrets') ?? false });
      return { clock, sources: selected ? all.filter((s) => selected.includes(s.name)) : all };
    },
  };
}
