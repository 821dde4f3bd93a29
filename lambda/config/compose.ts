/**
 * THE composition root: the only module that builds adapters (with compose-fleet.ts, its Lambda-only
 * half). Every entry point (the three Lambda handlers, every CLI command) turns its input into one
 * validated Settings object (lambda-env.ts for the Lambdas, cli-settings.ts for the CLI), calls
 * `compose(settings)` (handlers: `composeFleet`) and takes its dependencies from the result: the
 * history store, the notifiers, the Kubernetes client factory and the sources, the upstream CA
 * readers, the clock, the policy. SDK clients are injectable (`SdkClients`) so tests point them at
 * mocks or local servers.
 *
 * Adapters load lazily (`require` inside the method that builds them): `certwatch inspect` never
 * loads the Kubernetes client, the AWS SDK or dynalite (#15's per-command loading). Adapters whose
 * SDK is a devDependency (SQS, EKS, Secrets Manager: only the deployed Lambdas use them) are built
 * in compose-fleet.ts, which the CLI never loads (test/unit/cli/runtime-deps.test.ts).
 *
 * Extending it:
 * - a new adapter (a source, a notifier, a store): construct it here, in the one function that
 *   builds its kind (`buildNotifiers`, `openHistory`, `connectCluster`…), driven by a Settings field;
 * - a new long-running command (`serve`): add a method to `Composition` that builds what it needs;
 * - a new setting: see settings.ts.
 */
import type { ACMPCAClient } from '@aws-sdk/client-acm-pca';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ProbeHandlers, ProbeServer } from '../adapters/http/probe-server';
import type { ClientNodeKubeApi } from '../adapters/kubernetes/client-node-kube-api';
import type { RecordScanDeps } from '../app/record-scan';
import type { UpstreamDeps } from '../app/scan-upstreams';
import type { SendDigestDeps } from '../app/send-digest';
import type { PolicyOverrides } from '../domain/policy';
import type { ClusterInventory } from '../domain/rbac/cluster-rbac';
import { type PrivateCaRef, parsePrivateCaArn } from '../domain/upstream';
import type { CertificateSource } from '../ports/certificate-source';
import type { Clock } from '../ports/clock';
import type { HistoryStore } from '../ports/history-store';
import type { Notifier } from '../ports/notifier';
import { policyOverrides, type Settings, SettingsError } from './settings';
import { configuredUpstreams } from './upstream-ca';

/** SDK clients and factories, each injectable for tests. @default - built from the SDK's default chain */
export interface SdkClients {
  readonly dynamodb?: DynamoDBClient;
  readonly sns?: SNSClient;
  /** A Private CA client for one CA (region + account). */
  readonly privateCaClient?: (ref: PrivateCaRef) => ACMPCAClient;
  /** Credentials for an upstream CA in `account`; the standard chain when undefined. */
  readonly upstreamCredentialsFor?: (account: string) => AwsCredentialIdentityProvider | undefined;
  /** Reads a token (Slack's, Vault's) from a secret store (the Lambdas: Secrets Manager, see compose-fleet.ts). */
  readonly readSecret?: (secretId: string) => Promise<string>;
  /** @default - settings.now when set, else the system clock */
  readonly clock?: Clock;
  /** Real time for alert claims and delivery attempts. @default - the system clock when `settings.now` freezes the clock, else `clock` */
  readonly wallClock?: Clock;
  /**
   * Another Slack API base URL (a loopback Slack in tests). Only code can set it: the Lambdas read
   * no endpoint from their environment, so their bot token only ever goes to Slack itself.
   * @default - settings.notify.slack.apiUrl for a token given as a value (the CLI), else Slack's own API
   */
  readonly slackApiUrl?: string;
}

/** Clients every composition uses unless given its own: see {@link useTestClients}. */
let testClients: SdkClients = {};

/**
 * Test seam: clients (a loopback Slack's URL, a clock…) that every later `compose`/`composeFleet`
 * call uses, for tests that import a Lambda handler (which composes itself at load). Deployed
 * code never calls it; `{}` clears it.
 */
export function useTestClients(clients: SdkClients): void {
  testClients = clients;
}

/** An open history store and how to release it. */
export interface OpenedStore {
  readonly store: HistoryStore;
  close(): Promise<void>;
}

/**
 * Which cluster to reach: a kubeconfig context (CLI) or an API endpoint with a bearer token (an
 * EKS cluster once compose-fleet.ts has described it).
 */
export type ClusterAddress =
  | { readonly kind: 'kubeconfig'; readonly kubeconfigPath?: string; readonly context?: string }
  | {
      readonly kind: 'endpoint';
      readonly cluster: string;
      readonly endpoint: string;
      readonly caPem: string;
      readonly token: () => Promise<string>;
      /** Only these sources (a fleet target's `sources`); @default - all */
      readonly sources?: readonly string[];
    };

/** A reachable cluster: its name, the sources that read it, and what `rbac --from-cluster` reads. */
export interface ConnectedCluster {
  readonly cluster: string;
  /** The API server URL (part of a kubeconfig cluster's identity in history). */
  readonly server: string;
  readonly sources: CertificateSource[];
  /** What a default scan of the cluster would read (namespaces, meshes, named Secrets); rejects on any failed read. */
  inventory(): Promise<ClusterInventory>;
}

/** The EKS token request of `certwatch eks-token`. */
export interface EksTokenRequest {
  readonly clusterName: string;
  readonly region: string;
  readonly roleArn?: string;
  /** KUBERNETES_EXEC_INFO, which picks the ExecCredential apiVersion. */
  readonly execInfo?: string;
}

/** Where Kubernetes mounts a pod's service-account token, CA and namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** How `serve` finds its own cluster from inside a pod. */
export interface InClusterRequest {
  /** Holds KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the token, ca.crt and namespace files are. @default SERVICE_ACCOUNT_DIR */
  readonly serviceAccountDir?: string;
  /** Name of the cluster in metrics, reports and alerts. */
  readonly cluster: string;
}

/** Everything an entry point takes its dependencies from. */
export interface Composition {
  readonly settings: Settings;
  readonly clock: Clock;
  /** The domain policy from the shared policy settings (same for CLI and Lambda). */
  readonly policy: PolicyOverrides;
  /** Opens the configured history store; SettingsError when the settings name none. */
  openHistory(): Promise<OpenedStore>;
  /** One notifier per configured channel, in settings order (the Slack token is resolved here). */
  notifiers(): Promise<Notifier[]>;
  /** What recordScan and recordMissedScans need, over `store`. */
  recordScanDeps(store: HistoryStore): Promise<RecordScanDeps>;
  /** What sendDigest needs, over `store`. */
  sendDigestDeps(store: HistoryStore): Promise<SendDigestDeps>;
  /** The Kubernetes client factory: a client for `address` and the sources reading through it. */
  connectCluster(address: ClusterAddress): ConnectedCluster;
  /** The upstream CAs of one run (Vault PKI, AWS Private CA), each read once whatever the cluster count. */
  upstreams(): UpstreamDeps;
  /** A source reading local certificate files (relative to `cwd`). */
  fileSource(paths: readonly string[], cwd: string): CertificateSource;
  /** An ExecCredential JSON with an EKS bearer token, signed now. */
  eksExecCredential(request: EksTokenRequest): Promise<string>;
  /**
   * The pod's own cluster through its service account (`serve`); SettingsError naming the missing
   * variable or file when there is no in-cluster configuration.
   */
  inClusterAddress(request: InClusterRequest): Promise<ClusterAddress & { readonly kind: 'endpoint' }>;
  /**
   * Replaces the file at `path` with `text` atomically (temp file in the same directory, then
   * rename): `scan --output`, read by node_exporter's textfile collector at any moment.
   */
  writeFileAtomically(path: string, text: string): Promise<void>;
  /** Serves `/metrics`, `/healthz` and `/readyz` from `handlers` on `host:port` (`serve`; 0: any free port). */
  serveProbes(handlers: ProbeHandlers, host: string, port: number): Promise<ProbeServer>;
}

const systemClock: Clock = { now: () => new Date() };

/** Builds the composition for `settings`. Nothing is connected or loaded until a method is called. */
export function compose(settings: Settings, given: SdkClients = {}): Composition {
  const clients: SdkClients = { ...testClients, ...given };
  const fixed = settings.now;
  const clock = clients.clock ?? (fixed ? { now: () => fixed } : systemClock);
  // Claims and delivery attempts need real time even when `--now` freezes the scan's clock.
  const wallClock = clients.wallClock ?? (fixed ? systemClock : clock);
  const schedule = { intervalMinutes: settings.schedule.intervalMinutes };
  let notifiers: Promise<Notifier[]> | undefined;
  const root: Composition = {
    settings,
    clock,
    policy: policyOverrides(settings.policy),
    openHistory: () => openHistory(settings, clients),
    notifiers: () => {
      notifiers ??= buildNotifiers(settings, clients);
      return notifiers;
    },
    recordScanDeps: async (store) => ({
      store,
      notifiers: await root.notifiers(),
      clock,
      wallClock,
      schedule,
    }),
    sendDigestDeps: async (store) => ({
      store,
      notifiers: await root.notifiers(),
      clock,
      schedule,
      ...(settings.fleet?.meshGroups ? { meshGroups: settings.fleet.meshGroups } : {}),
    }),
    connectCluster: (address) => connectCluster(settings, clock, address),
    upstreams: () => upstreams(settings, clients),
    fileSource: (paths, cwd) => {
      const { LocalFiles } = require('../adapters/local-files') as typeof import('../adapters/local-files');
      const timeoutMs = settings.files?.readTimeoutMs;
      return new LocalFiles(paths, cwd, timeoutMs !== undefined ? { timeoutMs } : {});
    },
    async eksExecCredential(request) {
      const { clusterCredentials } =
        require('../adapters/eks/cluster-credentials') as typeof import('../adapters/eks/cluster-credentials');
      const { createEksToken, execApiVersion, execCredential } =
        require('../adapters/eks/eks-token') as typeof import('../adapters/eks/eks-token');
      const credentials = clusterCredentials({ region: request.region, roleArn: request.roleArn });
      const token = await createEksToken({ ...request, credentials, signingDate: clock.now() });
      return execCredential(token, execApiVersion(request.execInfo));
    },
    inClusterAddress: (request) => inClusterAddress(request),
    writeFileAtomically: (path, text) => {
      const { writeFileAtomically } =
        require('../adapters/atomic-file') as typeof import('../adapters/atomic-file');
      return writeFileAtomically(path, text);
    },
    serveProbes: (handlers, host, port) => {
      const { startProbeServer } =
        require('../adapters/http/probe-server') as typeof import('../adapters/http/probe-server');
      return startProbeServer(handlers, host, port);
    },
  };
  return root;
}

async function inClusterAddress(
  request: InClusterRequest,
): Promise<ClusterAddress & { readonly kind: 'endpoint' }> {
  const { InClusterConfigError, readInClusterConfig } =
    require('../adapters/kubernetes/in-cluster-config') as typeof import('../adapters/kubernetes/in-cluster-config');
  try {
    const config = await readInClusterConfig({
      env: request.env,
      serviceAccountDir: request.serviceAccountDir ?? SERVICE_ACCOUNT_DIR,
    });
    return {
      kind: 'endpoint',
      cluster: request.cluster,
      endpoint: config.server,
      caPem: config.caPem,
      token: () => config.token(),
    };
  } catch (error) {
    if (error instanceof InClusterConfigError) throw new SettingsError(error.message, { cause: error });
    throw error;
  }
}

async function openHistory(settings: Settings, clients: SdkClients): Promise<OpenedStore> {
  const history = settings.history;
  if (!history) throw new SettingsError('no history store configured');
  if (history.kind === 'dynamodb') {
    const { DynamoDBClient } =
      require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
    const { DynamoDbHistoryStore } =
      require('../adapters/dynamodb/dynamodb-history-store') as typeof import('../adapters/dynamodb/dynamodb-history-store');
    const client = clients.dynamodb ?? new DynamoDBClient({});
    const retention = history.retentionDays !== undefined ? { eventDays: history.retentionDays } : {};
    const store = new DynamoDbHistoryStore(client, history.tableName, retention);
    return { store, close: async () => (clients.dynamodb ? undefined : client.destroy()) };
  }
  const { LocalHistoryStore } =
    require('../adapters/local-store') as typeof import('../adapters/local-store');
  const store = await LocalHistoryStore.open(history.kind === 'local' ? { stateDir: history.stateDir } : {});
  return { store, close: () => store.close() };
}

async function buildNotifiers(settings: Settings, clients: SdkClients): Promise<Notifier[]> {
  const { channels, slack, sns } = settings.notify;
  const built: Notifier[] = [];
  for (const channel of channels) {
    if (channel === 'sns' && sns) {
      const { SNSClient } = require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns');
      const { SnsNotifier } =
        require('../adapters/sns/sns-notifier') as typeof import('../adapters/sns/sns-notifier');
      built.push(
        new SnsNotifier({
          client: clients.sns ?? new SNSClient({}),
          alertTopicArn: sns.alertTopicArn,
          ...(sns.digestTopicArn ? { digestTopicArn: sns.digestTopicArn } : {}),
        }),
      );
    }
    if (channel === 'slack' && slack) {
      const { SlackNotifier } =
        require('../adapters/slack/slack-notifier') as typeof import('../adapters/slack/slack-notifier');
      const given = 'value' in slack.token;
      const token = given ? slack.token.value : await secret(slack.token.secretId, clients);
      // A token from a secret store (the Lambdas) goes to Slack itself, whatever the settings say.
      const apiUrl = clients.slackApiUrl ?? (given ? slack.apiUrl : undefined);
      built.push(
        new SlackNotifier({ token, channel: slack.channel, ...(apiUrl ? { slackApiUrl: apiUrl } : {}) }),
      );
    }
  }
  return built;
}

function secret(secretId: string, clients: SdkClients, what: 'Slack' | 'Vault' = 'Slack'): Promise<string> {
  if (!clients.readSecret)
    throw new SettingsError(`the ${what} token secret ${secretId} can only be read by the deployed Lambdas`);
  return clients.readSecret(secretId);
}

function connectCluster(settings: Settings, clock: Clock, address: ClusterAddress): ConnectedCluster {
  const { ClientNodeKubeApi } =
    require('../adapters/kubernetes/client-node-kube-api') as typeof import('../adapters/kubernetes/client-node-kube-api');
  const { clusterSources } =
    require('../adapters/kubernetes/sources') as typeof import('../adapters/kubernetes/sources');
  const tuning =
    settings.scan.requestTimeoutMs !== undefined ? { timeoutMs: settings.scan.requestTimeoutMs } : {};
  let api: ClientNodeKubeApi;
  let selected: readonly string[] | undefined;
  if (address.kind === 'kubeconfig') {
    try {
      api = ClientNodeKubeApi.fromKubeconfig({
        ...(address.kubeconfigPath ? { kubeconfigPath: address.kubeconfigPath } : {}),
        ...(address.context ? { context: address.context } : {}),
        ...tuning,
      });
    } catch (error) {
      // "no kubeconfig found (looked at …)" says it all; other errors need the context.
      const message =
        (error as Error).name === 'NoKubeconfigError'
          ? (error as Error).message
          : `cannot use kubeconfig: ${(error as Error).message}`;
      throw new SettingsError(message, { cause: error });
    }
  } else {
    api = ClientNodeKubeApi.fromEndpoint({
      cluster: address.cluster,
      endpoint: address.endpoint,
      caPem: address.caPem,
      token: address.token,
      ...tuning,
    });
    selected = address.sources;
  }
  const options = settings.scan.sources ?? {};
  const allTlsSecrets = options.allTlsSecrets === true || (selected?.includes('tls-secrets') ?? false);
  const all = clusterSources(api, clock, { ...options, allTlsSecrets });
  return {
    cluster: api.cluster,
    server: api.server,
    sources: selected ? all.filter((s) => selected.includes(s.name)) : all,
    inventory: () => {
      const { readClusterInventory } =
        require('../adapters/kubernetes/cluster-inventory') as typeof import('../adapters/kubernetes/cluster-inventory');
      return readClusterInventory(api, options);
    },
  };
}

function upstreams(settings: Settings, clients: SdkClients): UpstreamDeps {
  const { ExternalCaReader } =
    require('../adapters/external-ca/external-ca-reader') as typeof import('../adapters/external-ca/external-ca-reader');
  const { VaultPkiReader } =
    require('../adapters/external-ca/vault-pki-reader') as typeof import('../adapters/external-ca/vault-pki-reader');
  const { AwsPrivateCaReader } =
    require('../adapters/external-ca/aws-private-ca-reader') as typeof import('../adapters/external-ca/aws-private-ca-reader');
  const { readOncePerRun } = require('../app/scan-upstreams') as typeof import('../app/scan-upstreams');
  const config = settings.upstreams ?? { privateCaArns: [] };
  const token = config.vault?.token;
  const vault = new VaultPkiReader(
    config.vault
      ? {
          address: config.vault.address,
          ...(token
            ? { token: 'value' in token ? token.value : async () => secret(token.secretId, clients, 'Vault') }
            : {}),
        }
      : {},
  );
  const pcaClients = new Map<string, ACMPCAClient>();
  const clientFor =
    clients.privateCaClient ??
    ((ref: PrivateCaRef) => {
      const account = parsePrivateCaArn(ref.arn)?.account ?? '';
      const key = `${ref.region}|${account}`;
      let client = pcaClients.get(key);
      if (!client) {
        const { ACMPCAClient } =
          require('@aws-sdk/client-acm-pca') as typeof import('@aws-sdk/client-acm-pca');
        const credentials = clients.upstreamCredentialsFor?.(account);
        client = new ACMPCAClient({
          region: ref.region,
          maxAttempts: 2,
          ...(credentials ? { credentials } : {}),
        });
        pcaClients.set(key, client);
      }
      return client;
    });
  const reader = new ExternalCaReader(vault, new AwsPrivateCaReader(clientFor));
  return { reader: readOncePerRun(reader), configured: configuredUpstreams(config) };
}
