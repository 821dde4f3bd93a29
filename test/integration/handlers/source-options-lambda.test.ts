/**
 * The stack's source options (#13, `sourceOptions` in the deploy config, CERTWATCH_SOURCE_OPTIONS
 * in the scan Lambda's environment) through the deployed path: the scan Lambda's message
 * processing built as the handler builds it (readLambdaEnv → composeFleet → scanSetup →
 * processScanMessage), history in DynamoDB Local, alerts through SNS (mocked), EKS DescribeCluster
 * mocked. Each cluster is scanned without the option, then with it, each time bound by the RBAC
 * `certwatch rbac --from-cluster` prints with the matching source flags (what an operator applies):
 * - cert-manager run with `--cluster-resource-namespace=platform-certs`: a ClusterIssuer's expired CA;
 * - Consul outside the cluster (`consul.address`, a loopback Consul HTTP server) and behind a
 *   Service of another name (`consul.namespace/service/port`, the simulator's service proxy);
 * - SPIRE's bundle under a name of its own (`spire`);
 * and a malformed value stops the scan Lambda's cold start with the variable and the field.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { composeFleet } from '#config/compose-fleet';
import { ENV } from '#config/env-names';
import { readLambdaEnv } from '#config/lambda-env';
import type { SourceOptionsConfig } from '#config/settings-schema';
import { processScanMessage, scanSetup } from '#handlers/scan-message';
import { type SimObject, type Simulator, startSimulator } from '#simulator';
import { type ScenarioBundle, spireInSpireSystem } from '#simulator/scenarios';
import { certManagerClusterResources } from '#simulator/scenarios/cert-manager';
import { consulConnect } from '#simulator/scenarios/consul';
import { metricsRoute, namespace, service } from '#simulator/scenarios/objects';
import {
  describeSimulatedCluster,
  EKS_ACCOUNT,
  eksAuthenticate,
  eksClusterId,
  publishInto,
  scanMessage,
} from '#support/deployed-scan';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { FixedClock } from '#support/fakes/fixed-clock';
import { canaryLines, fingerprintOf, rbacFromCluster } from '../scan/run-cli';

jest.setTimeout(120_000);

const NOW = new Date('2026-05-01T09:00:00Z');
const ALERTS = `arn:aws:sns:eu-west-1:${EKS_ACCOUNT}:alerts`;
const KEYS = { accessKeyId: 'AKIDSOURCES', secretAccessKey: 'source-options-secret-key' };
const ROOTS = '/v1/connect/ca/roots';
const PEERINGS = '/v1/peerings';
const PLATFORM = 'platform-certs';

// aws-sdk-client-mock's types lag the SDK's nested @smithy/types (runtime mocking is unaffected).
const eksClient = new EKSClient({ region: 'eu-west-1', credentials: KEYS });
const eks = mockClient(eksClient as never);
const snsClient = new SNSClient({ region: 'eu-west-1', credentials: KEYS });
const sns = mockClient(snsClient as never);

let local: DynamoDbLocal;
let client: DynamoDBClient;
const sims: Simulator[] = [];
const bundles: Record<string, ScenarioBundle> = {};
const rbacApplied = new Map<string, SimObject[]>();
const published: string[] = [];
let consulServer: Server | undefined;
let consulUrl = '';
const consulRequests: string[] = [];

/** Starts cluster `name` with `bundle`'s objects; the scanner authenticates with its EKS token, RBAC enforced. */
async function startCluster(name: string, bundle: ScenarioBundle): Promise<void> {
  sims.push(await startSimulator({ scenario: { ...bundle.scenario, name }, authenticate: eksAuthenticate }));
  bundles[name] = bundle;
}

/** The source flags of the CLI that say what `options` says (`scan` and `rbac --from-cluster` take them). */
function sourceFlags(options: SourceOptionsConfig = {}): string[] {
  const { consul, spire } = options;
  const service = consul && `${consul.namespace}/${consul.service}:${consul.port}`;
  return [
    ...(options.clusterResourceNamespace
      ? ['--cluster-resource-namespace', options.clusterResourceNamespace]
      : []),
    ...(consul?.address
      ? ['--consul-address', consul.address]
      : service
        ? ['--consul-service', service]
        : []),
    ...(spire ? ['--spire-bundle', `${spire.namespace}/${spire.name}:${spire.key}`] : []),
  ];
}

/** Binds the scanner in cluster `name` by what `certwatch rbac --from-cluster` prints with `flags`, and nothing else. */
async function applyRbac(name: string, flags: string[]): Promise<void> {
  const sim = sims.find((s) => s.name === name)!;
  for (const old of rbacApplied.get(name) ?? [])
    sim.delete({ kind: old.kind, name: old.metadata.name, namespace: old.metadata.namespace });
  const { objects } = await rbacFromCluster(sim, ...flags);
  for (const object of objects) sim.put(object);
  rbacApplied.set(name, objects);
}

beforeAll(async () => {
  local = await startDynamoDbLocal();
  client = local.client();
  await createHistoryTable(client, 'history');

  // cert-manager run with --cluster-resource-namespace=platform-certs.
  await startCluster('cluster-resources', await certManagerClusterResources(NOW, PLATFORM));

  // Consul whose active root ends in 60 days. consul-away: consul-server runs, but its Service is
  // not proxied (Consul is reached at its own address, the loopback server below);
  // consul-platform: no consul-server in the cluster, a Service platform/consul:8501 proxies to it.
  const consul = await consulConnect(NOW, 60);
  const route = consul.scenario.proxies![0]!;
  const rootsBody = (await route.handler({ path: ROOTS } as Parameters<typeof route.handler>[0])) as string;
  consulServer = createServer((req, res) => {
    consulRequests.push(req.url ?? '');
    const body = req.url === ROOTS ? rootsBody : req.url === PEERINGS ? 'null' : undefined;
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => consulServer!.listen(0, '127.0.0.1', resolve));
  consulUrl = `http://127.0.0.1:${(consulServer.address() as AddressInfo).port}`;
  await startCluster('consul-away', { ...consul, scenario: { ...consul.scenario, proxies: [] } });
  await startCluster('consul-platform', {
    ...consul,
    scenario: {
      name: 'consul-platform',
      objects: [namespace('platform'), service('platform', 'consul', 8501)],
      proxies: [metricsRoute('service', 'platform', 'consul', 8501, ROOTS, () => rootsBody)],
    },
  });

  // SPIRE publishing its bundle as spire-system/trust-bundle (key root.pem), not the default name.
  const spire = await spireInSpireSystem(NOW);
  const renamed = (o: SimObject): SimObject =>
    o.kind === 'ConfigMap'
      ? {
          ...o,
          metadata: { ...o.metadata, name: 'trust-bundle' },
          data: { 'root.pem': spire.certs.spireRoot!.pem },
        }
      : o;
  await startCluster('spire-renamed', {
    ...spire,
    scenario: { ...spire.scenario, objects: spire.scenario.objects.map(renamed) },
  });

  eks.on(DescribeClusterCommand as never).callsFake(describeSimulatedCluster(sims));
  sns.on(PublishCommand as never).callsFake(publishInto(published));
}, 120_000);

afterAll(async () => {
  client?.destroy();
  consulServer?.closeAllConnections();
  await new Promise((resolve) => (consulServer ? consulServer.close(resolve) : resolve(undefined)));
  await Promise.all([local?.stop(), ...sims.map((s) => s.stop())]);
});

/**
 * Scans cluster `name` as the scan Lambda does, CERTWATCH_SOURCE_OPTIONS set to `sourceOptions`
 * (unset without), the scanner bound by the RBAC printed for the same options.
 */
async function scanWith(name: string, sourceOptions?: SourceOptionsConfig): Promise<void> {
  await applyRbac(name, sourceFlags(sourceOptions));
  const env = {
    ...(sourceOptions ? { [ENV.sourceOptions]: JSON.stringify(sourceOptions) } : {}),
    [ENV.tableName]: 'history',
    [ENV.alertsTopicArn]: ALERTS,
  };
  const root = composeFleet(readLambdaEnv(env), {
    dynamodb: client,
    sns: snsClient,
    eksFor: () => eksClient,
    credentialsFor: () => async () => KEYS,
    clock: new FixedClock(NOW),
  });
  expect(await processScanMessage(await scanSetup(root), scanMessage(name))).toBe(true);
}

const store = () => new DynamoDbHistoryStore(client, 'history');
const lastSummary = async (name: string) => (await store().loadCluster(eksClusterId(name))).lastSummary!;

/** `rule severity` of each alert of `name` in `state`, with the certificate's scenario name when it has one. */
async function alerts(name: string, state: 'open' | 'resolved' = 'open'): Promise<string[]> {
  const certNames = new Map(
    Object.entries(bundles[name]!.certs).map(([cert, minted]) => [fingerprintOf(minted.der), cert]),
  );
  return (await store().loadAlerts(eksClusterId(name)))
    .filter((a) => a.state === state)
    .map((a) => {
      const fingerprint = a.finding.fingerprint;
      return `${a.finding.rule} ${a.severity}${fingerprint ? ` ${certNames.get(fingerprint) ?? fingerprint}` : ''}`;
    })
    .sort();
}

/** The open blind-spot alerts of `name`. */
async function blindSpotAlerts(name: string) {
  return (await store().loadAlerts(eksClusterId(name))).filter(
    (a) => a.state === 'open' && a.finding.rule === 'blind_spot',
  );
}

/** The places `name`'s history holds certificate `cert` of its scenario at. */
async function placesOf(name: string, cert: string): Promise<string[]> {
  const fingerprint = fingerprintOf(bundles[name]!.certs[cert]!.der);
  const { observations } = await store().loadCluster(eksClusterId(name));
  return observations
    .filter((o) => o.fingerprint === fingerprint)
    .flatMap((o) =>
      o.sources.map((s) => `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}:${s.key}`),
    )
    .sort();
}

describe('sourceOptions.clusterResourceNamespace (cert-manager --cluster-resource-namespace=platform-certs)', () => {
  it('without it, the ClusterIssuer CA Secret is looked for in cert-manager: a blind spot that says so, the CA not judged', async () => {
    await scanWith('cluster-resources');
    expect(await placesOf('cluster-resources', 'ca')).toEqual([]);
    const summary = await lastSummary('cluster-resources');
    expect(summary.status).toBe('partial');
    expect(summary.blindSpotDetails).toEqual([
      {
        source: 'cert-manager Secret/cert-manager/internal-ca/',
        reason: 'not_found',
        detail:
          'ClusterIssuer internal-ca is Ready but its CA Secret is not in cert-manager, the cluster-resource namespace certwatch reads ClusterIssuer CA Secrets from: its CA is not judged',
      },
    ]);
    expect(await alerts('cluster-resources')).toEqual(['blind_spot warning']);
    const [spot] = await blindSpotAlerts('cluster-resources');
    expect(spot!.finding.remediation).toContain('sourceOptions.clusterResourceNamespace');
  });

  it('set to platform-certs, the CA Secret there is read: the expired CA and its Ready ClusterIssuer are critical', async () => {
    const before = published.length;
    await scanWith('cluster-resources', { clusterResourceNamespace: PLATFORM });
    expect(await placesOf('cluster-resources', 'ca')).toEqual([
      `Secret ${PLATFORM}/internal-ca:ca.crt`,
      `Secret ${PLATFORM}/internal-ca:tls.crt`,
    ]);
    expect(await alerts('cluster-resources')).toEqual([
      'ca_issuer_expired_but_ready critical',
      'expired critical ca',
    ]);
    expect(await alerts('cluster-resources', 'resolved')).toEqual(['blind_spot warning']);
    const summary = await lastSummary('cluster-resources');
    expect(summary.status).toBe('ok');
    expect(summary.blindSpots).toBe(0);
    const sent = published.slice(before).join('\n');
    expect(sent).toContain(`Secret ${PLATFORM}/internal-ca`);
    expect(sent).toContain('ca_issuer_expired_but_ready');
  });
});

describe('sourceOptions.consul', () => {
  it('without it, a consul-server whose Service is not proxied is a blind spot', async () => {
    await scanWith('consul-away');
    expect(await placesOf('consul-away', 'consulRoot')).toEqual([]);
    const summary = await lastSummary('consul-away');
    expect(summary.status).toBe('partial');
    expect(summary.blindSpotDetails?.map((b) => `${b.source} ${b.reason}`)).toEqual(['consul server_error']);
    expect(summary.blindSpotDetails?.[0]?.detail).toContain('asked of Service consul/consul-server:8500');
    expect(await alerts('consul-away')).toEqual(['blind_spot critical']);
  });

  it('consul.address: the roots are read from Consul itself, the active root ending in 60 days is critical', async () => {
    consulRequests.length = 0;
    await scanWith('consul-away', { consul: { address: consulUrl } });
    expect(consulRequests).toEqual([ROOTS, PEERINGS]);
    // Named by the address it was read from, not by the Service nobody asked.
    expect(await placesOf('consul-away', 'consulRoot')).toEqual([
      `ConsulCARoots ${new URL(consulUrl).origin}:Roots.RootCert`,
    ]);
    // The signing intermediate (60 days) warns; the inactive previous root (20 days) is superseded, not alerted.
    expect(await alerts('consul-away')).toEqual([
      'expiring_soon critical consulRoot',
      'expiring_soon warning consulSigning',
    ]);
    expect(await alerts('consul-away', 'resolved')).toEqual(['blind_spot critical']);
    expect((await lastSummary('consul-away')).status).toBe('ok');
  });

  it('without it, Consul behind Service platform/consul (no consul-server in the cluster) is not looked for', async () => {
    await scanWith('consul-platform');
    const summary = await lastSummary('consul-platform');
    expect(summary).toMatchObject({ status: 'ok', certificates: 0, blindSpots: 0 });
    expect(await alerts('consul-platform')).toEqual([]);
  });

  it('consul.namespace/service/port: the roots are read through that Service proxy and judged', async () => {
    consulRequests.length = 0;
    await scanWith('consul-platform', { consul: { namespace: 'platform', service: 'consul', port: 8501 } });
    expect(consulRequests).toEqual([]);
    expect(await placesOf('consul-platform', 'consulRoot')).toEqual([
      'ConsulCARoots platform/consul:Roots.RootCert',
    ]);
    expect(await alerts('consul-platform')).toEqual([
      'expiring_soon critical consulRoot',
      'expiring_soon warning consulSigning',
    ]);
    expect((await lastSummary('consul-platform')).status).toBe('ok');
  });
});

describe('sourceOptions.spire', () => {
  it('without it, spire-server runs and no bundle is found under the default name: a blind spot', async () => {
    await scanWith('spire-renamed');
    expect(await placesOf('spire-renamed', 'spireRoot')).toEqual([]);
    const spots = await blindSpotAlerts('spire-renamed');
    expect(spots.map((a) => a.finding.message).join('\n')).toMatch(/spire/i);
  });

  it('a bundle of another name and key is read, and the blind spot resolves', async () => {
    await scanWith('spire-renamed', {
      spire: { namespace: 'spire-system', name: 'trust-bundle', key: 'root.pem' },
    });
    expect(await placesOf('spire-renamed', 'spireRoot')).toEqual([
      'ConfigMap spire-system/trust-bundle:root.pem',
    ]);
    expect(await blindSpotAlerts('spire-renamed')).toEqual([]);
  });
});

describe('a malformed CERTWATCH_SOURCE_OPTIONS', () => {
  /** The error the scan Lambda's module throws at cold start with `value` in its environment. */
  function coldStartError(value: string): Error | undefined {
    const saved = { ...process.env };
    Object.assign(process.env, {
      [ENV.tableName]: 'history',
      [ENV.sourceOptions]: value,
      AWS_REGION: 'eu-west-1',
    });
    let error: Error | undefined;
    try {
      jest.isolateModules(() => {
        require('#handlers/scan');
      });
    } catch (caught) {
      error = caught as Error;
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    return error;
  }

  it.each([
    [
      '{"consul":{"address":"consul.internal:8500"}}',
      'CERTWATCH_SOURCE_OPTIONS.consul.address: expected an http(s) URL like "https://consul.internal:8501", received "consul.internal:8500"',
    ],
    [
      '{"clusterResourceNamespace":"Platform_Certs"}',
      'CERTWATCH_SOURCE_OPTIONS.clusterResourceNamespace: expected a namespace like "cert-manager", received "Platform_Certs"',
    ],
    ['{"consul":{"port":0}}', 'CERTWATCH_SOURCE_OPTIONS.consul.port: expected a port 1-65535, received 0'],
    [
      '{"consul":{"port":"8501"}}',
      'CERTWATCH_SOURCE_OPTIONS.consul.port: expected a port 1-65535, received "8501"',
    ],
    ['{"spire":{"bundle":"spire-bundle"}}', 'CERTWATCH_SOURCE_OPTIONS.spire: Unrecognized key: "bundle"'],
    ['consul=https://consul.internal', 'CERTWATCH_SOURCE_OPTIONS: expected JSON'],
  ])('%s stops the cold start naming the variable and the field', (value, expected) => {
    const error = coldStartError(value);
    expect(error?.name).toBe('EnvError');
    expect(error?.message).toContain('invalid Lambda environment: ');
    expect(error?.message).toContain(expected);
  });
});

it('stores and publishes no key material', async () => {
  const items = JSON.stringify((await client.send(new ScanCommand({ TableName: 'history' }))).Items);
  const everything = items + published.join('\n');
  for (const line of Object.values(bundles)
    .flatMap((b) => b.canaries)
    .flatMap(canaryLines))
    expect(everything).not.toContain(line);
});
