/**
 * The Lambda half of the composition root (see compose.ts): the adapters only the deployed fleet
 * uses — the SQS scan queue, EKS discovery and DescribeCluster, the Slack token from Secrets
 * Manager. Their SDK clients are devDependencies the published CLI does not ship, so only the
 * Lambda handlers import this file (test/unit/cli/runtime-deps.test.ts checks the CLI never does).
 */
import { EKSClient } from '@aws-sdk/client-eks';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { CachedEksToken } from '../adapters/eks/cached-eks-token';
import { clusterCredentials } from '../adapters/eks/cluster-credentials';
import { describeEksCluster } from '../adapters/eks/eks-cluster-describer';
import { EksClusterDirectory } from '../adapters/eks/eks-cluster-directory';
import { SqsScanQueue } from '../adapters/sqs/sqs-scan-queue';
import type { DispatchDeps } from '../app/dispatch';
import type { ClusterTarget } from '../ports/scan-queue';
import { type Composition, type ConnectedCluster, compose, type SdkClients } from './compose';
import { type Settings, SettingsError } from './settings';

/** The fleet's SDK clients, injectable for tests. @default - built from the SDK's default chain */
export interface FleetClients extends SdkClients {
  readonly secrets?: SecretsManagerClient;
  readonly sqs?: SQSClient;
  readonly eksFor?: (region: string, credentials: AwsCredentialIdentityProvider) => EKSClient;
  readonly credentialsFor?: (target: ClusterTarget) => AwsCredentialIdentityProvider;
}

/** The composition of a Lambda: the shared root plus the fleet's own adapters. */
export interface FleetComposition extends Composition {
  /** The dispatcher's queue and, when configured, EKS discovery. */
  dispatchDeps(): DispatchDeps;
  /** Describes an EKS cluster (as its target's role) and connects to it with a cached EKS token. */
  connectEks(target: ClusterTarget): Promise<ConnectedCluster>;
}

/** Builds a Lambda's composition for `settings`. Nothing is connected until a method is called. */
export function composeFleet(settings: Settings, clients: FleetClients = {}): FleetComposition {
  const root = compose(settings, {
    ...clients,
    readSecret: clients.readSecret ?? ((secretId) => readSecret(secretId, clients)),
  });
  return {
    ...root,
    dispatchDeps: () => dispatchDeps(settings, clients),
    async connectEks(target) {
      const credentials = (
        clients.credentialsFor ??
        ((t: ClusterTarget) => clusterCredentials({ region: t.region, roleArn: t.roleArn }))
      )(target);
      const eks = (clients.eksFor ?? ((region, creds) => new EKSClient({ region, credentials: creds })))(
        target.region,
        credentials,
      );
      const cluster = await describeEksCluster(eks, target.name);
      const token = new CachedEksToken({ clusterName: target.name, region: target.region, credentials });
      return root.connectCluster({
        kind: 'endpoint',
        cluster: target.name,
        endpoint: cluster.endpoint,
        caPem: cluster.caPem,
        token: () => token.token(),
        ...(target.sources ? { sources: target.sources } : {}),
      });
    },
  };
}

/** The Slack bot token from Secrets Manager, read once per cold start. */
async function readSecret(secretId: string, clients: FleetClients): Promise<string> {
  const secrets = clients.secrets ?? new SecretsManagerClient({});
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!out.SecretString)
    throw new Error(`secret ${secretId} has no string value (expected the Slack bot token)`);
  return out.SecretString.trim();
}

function dispatchDeps(settings: Settings, clients: FleetClients): DispatchDeps {
  const queueUrl = settings.fleet?.scanQueueUrl;
  if (!queueUrl) throw new SettingsError('invalid Lambda environment: CERTWATCH_SCAN_QUEUE_URL: required');
  const discovery = settings.fleet?.discovery;
  return {
    queue: new SqsScanQueue(clients.sqs ?? new SQSClient({}), queueUrl),
    directory: discovery
      ? new EksClusterDirectory({ ...discovery, targets: [...discovery.targets] })
      : undefined,
  };
}
