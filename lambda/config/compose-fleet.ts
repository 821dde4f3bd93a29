/**
 * The Lambda half of the composition root (see compose.ts): the adapters only the deployed fleet
 * uses — the SQS scan queue, EKS discovery and DescribeCluster, the Slack and Vault tokens from
 * Secrets Manager, member-role credentials for Private CAs in member accounts. Their SDK clients are devDependencies the published CLI does not ship, so only the
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
import { accountOfArn } from '../domain/cluster-identity';
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
    upstreamCredentialsFor: clients.upstreamCredentialsFor ?? memberRoleCredentials(settings),
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

/** A token (Slack's bot token: once per cold start; Vault's: once per scan) from Secrets Manager. */
async function readSecret(secretId: string, clients: FleetClients): Promise<string> {
  const secrets = clients.secrets ?? new SecretsManagerClient({});
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!out.SecretString) throw new Error(`secret ${secretId} has no string value (expected a token)`);
  return out.SecretString.trim();
}

/**
 * A Private CA in another account (configured, or named by a cluster's AWSPCAIssuer) is read as
 * that account's member role, the one the scans of its clusters assume; the member stack lets it
 * describe and fetch its account's CA certificates. Other accounts: the Lambda's own credentials.
 */
function memberRoleCredentials(
  settings: Settings,
): (account: string) => AwsCredentialIdentityProvider | undefined {
  const roles = new Map<string, { roleArn: string; region: string }>();
  const add = (roleArn: string | undefined, region: string | undefined) => {
    const account = accountOfArn(roleArn);
    if (roleArn && region && account && !roles.has(account)) roles.set(account, { roleArn, region });
  };
  for (const c of settings.fleet?.clusters ?? []) add(c.roleArn, c.region);
  for (const t of settings.fleet?.discovery?.targets ?? []) add(t.roleArn, t.regions[0]);
  const providers = new Map<string, AwsCredentialIdentityProvider>();
  return (account) => {
    const role = roles.get(account);
    if (!role) return undefined;
    let provider = providers.get(account);
    if (!provider) {
      provider = clusterCredentials(role);
      providers.set(account, provider);
    }
    return provider;
  };
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
