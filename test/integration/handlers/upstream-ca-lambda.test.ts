/**
 * The deployed path of the upstream CAs (#14): the scan Lambda's message processing, built as the
 * handler builds it (readLambdaEnv → composeFleet → scanSetup → processScanMessage), reads the Vault
 * mount the stack configures (CERTWATCH_UPSTREAMS: a loopback HTTPS Vault, its CA and the Secrets
 * Manager secret holding the token) and the Private CA a cluster's AWSPCAIssuer names (ACM PCA
 * mocked). A `cacerts` intermediate with 300 days left under an upstream issuer with 10 days left is
 * a critical `upstream_expires_first`; a sealed Vault is a blind spot and the rest is recorded.
 * (The stack's source options take the same path: source-options-lambda.test.ts.) History in DynamoDB Local, alerts through SNS (mocked); EKS DescribeCluster mocked, the simulator
 * accepting only a presigned STS token for the cluster.
 */
import {
  ACMPCAClient,
  DescribeCertificateAuthorityCommand,
  GetCertificateAuthorityCertificateCommand,
} from '@aws-sdk/client-acm-pca';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { composeFleet } from '#config/compose-fleet';
import { ENV } from '#config/env-names';
import { readLambdaEnv } from '#config/lambda-env';
import { processScanMessage, type ScanSetup, scanSetup } from '#handlers/scan-message';
import { type Simulator, startSimulator } from '#simulator';
import { withScannerRbac } from '#simulator/scenarios';
import {
  awsPcaIssuer,
  type UpstreamCerts,
  upstreamCerts,
  upstreamIstioCluster,
  vaultMountOf,
} from '#simulator/scenarios/upstream-ca';
import {
  EKS_ACCOUNT as ACCOUNT,
  eksClusterId as clusterId,
  describeSimulatedCluster,
  eksAuthenticate,
  scanMessage as message,
  publishInto,
} from '#support/deployed-scan';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { FixedClock } from '#support/fakes/fixed-clock';
import { startVaultPair, type VaultApiServer } from '#support/vault-api-server';
import { canaryLines, fingerprintOf } from '../scan/run-cli';

jest.setTimeout(120_000);

const NOW = new Date('2026-05-01T09:00:00Z');
const ARN = `arn:aws:acm-pca:eu-west-1:${ACCOUNT}:certificate-authority/11111111-2222-3333-4444-555555555555`;
const ALERTS = `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts`;
const TOKEN_SECRET = 'certwatch/vault-token';
const VAULT_TOKEN = 'hvs.CANARY-lambda-vault-token-never-stored';
const KEYS = { accessKeyId: 'AKIDUPSTREAM', secretAccessKey: 'upstream-secret-key' };

// aws-sdk-client-mock's types lag the SDK's nested @smithy/types (runtime mocking is unaffected).
const eksClient = new EKSClient({ region: 'eu-west-1', credentials: KEYS });
const eks = mockClient(eksClient as never);
const secretsClient = new SecretsManagerClient({ region: 'eu-west-1', credentials: KEYS });
const secrets = mockClient(secretsClient as never);
const pcaClient = new ACMPCAClient({ region: 'eu-west-1', credentials: KEYS });
const pca = mockClient(pcaClient as never);
const snsClient = new SNSClient({ region: 'eu-west-1', credentials: KEYS });
const sns = mockClient(snsClient as never);

let local: DynamoDbLocal;
let client: DynamoDBClient;
let vault: VaultApiServer;
let sealed: VaultApiServer;
let vaultCerts: UpstreamCerts;
let pcaCerts: UpstreamCerts;
let sims: Simulator[] = [];
const published: string[] = [];

beforeAll(async () => {
  local = await startDynamoDbLocal();
  client = local.client();
  await createHistoryTable(client, 'history');
  vaultCerts = await upstreamCerts(NOW, 'Vault');
  pcaCerts = await upstreamCerts(NOW, 'Private CA');
  ({ vault, sealed } = await startVaultPair(vaultMountOf(vaultCerts), VAULT_TOKEN));
  const bundles = [
    upstreamIstioCluster('vault-configured', vaultCerts),
    upstreamIstioCluster('pca-discovered', pcaCerts, [awsPcaIssuer('istio-system', ARN, 'eu-west-1')]),
  ].map((b) => withScannerRbac(b));
  sims = await Promise.all(
    bundles.map((b) => startSimulator({ scenario: b.scenario, authenticate: eksAuthenticate })),
  );
  eks.on(DescribeClusterCommand as never).callsFake(describeSimulatedCluster(sims));
  secrets
    .on(GetSecretValueCommand as never, { SecretId: TOKEN_SECRET })
    .resolves({ SecretString: `${VAULT_TOKEN}\n` } as never);
  pca.on(DescribeCertificateAuthorityCommand as never, { CertificateAuthorityArn: ARN }).resolves({
    CertificateAuthority: {
      Arn: ARN,
      Status: 'ACTIVE',
      Type: 'SUBORDINATE',
      NotAfter: new Date(NOW.getTime() + 10 * 86_400_000),
    },
  } as never);
  pca
    .on(GetCertificateAuthorityCertificateCommand as never, { CertificateAuthorityArn: ARN })
    .resolves({ Certificate: pcaCerts.issuer.pem, CertificateChain: pcaCerts.root.pem } as never);
  sns.on(PublishCommand as never).callsFake(publishInto(published));
}, 120_000);

afterAll(async () => {
  client?.destroy();
  await Promise.all([local?.stop(), vault?.stop(), sealed?.stop(), ...sims.map((s) => s.stop())]);
});

/** The scan Lambda's setup for a stack whose upstreams point at `server`, as the handler builds it. */
async function lambdaSetup(
  server: VaultApiServer,
  tokenSecret = TOKEN_SECRET,
  privateCaArns: string[] = [],
): Promise<ScanSetup> {
  const env = {
    [ENV.tableName]: 'history',
    [ENV.alertsTopicArn]: ALERTS,
    [ENV.upstreams]: JSON.stringify({
      vault: { address: server.url, mounts: ['pki_int'], tokenSecret, caCertPem: server.caPem },
      privateCaArns,
    }),
  };
  const root = composeFleet(readLambdaEnv(env), {
    dynamodb: client,
    sns: snsClient,
    secrets: secretsClient,
    privateCaClient: () => pcaClient,
    eksFor: () => eksClient,
    credentialsFor: () => async () => KEYS,
    clock: new FixedClock(NOW),
  });
  return scanSetup(root);
}

const store = () => new DynamoDbHistoryStore(client, 'history');

async function openAlerts(name: string) {
  return (await store().loadAlerts(clusterId(name))).filter((a) => a.state === 'open');
}

/** The one open `upstream_expires_first` alert of `name`: critical, on the in-cluster intermediate. */
async function upstreamAlert(name: string, certs: UpstreamCerts) {
  const upstream = (await openAlerts(name)).filter((a) => a.finding.rule === 'upstream_expires_first');
  expect(upstream).toHaveLength(1);
  expect(upstream[0]!.severity).toBe('critical');
  expect(upstream[0]!.finding.fingerprint).toBe(fingerprintOf(certs.intermediate.der));
  return upstream[0]!.finding;
}

it('a configured Vault mount (token from Secrets Manager, CA from the config) makes the cacerts intermediate critical', async () => {
  const setup = await lambdaSetup(vault);
  vault.requests.length = 0;
  expect(await processScanMessage(setup, message('vault-configured'))).toBe(true);
  const finding = await upstreamAlert('vault-configured', vaultCerts);
  expect(finding.message).toContain(`VaultPKI ${vault.url}/v1/pki_int`);
  expect(finding.remediation).toContain(`Rotate the issuer of Vault PKI mount pki_int at ${vault.url}`);
  // The token came from the secret and went to the configured Vault only.
  expect(vault.requests.length).toBeGreaterThan(0);
  expect(vault.requests.every((r) => r.token === VAULT_TOKEN)).toBe(true);
  expect(published.filter((m) => m.includes('upstream_expires_first'))).toHaveLength(1);
  const summary = (await store().loadCluster(clusterId('vault-configured'))).lastSummary;
  expect(summary?.status).toBe('ok');
  expect(summary?.blindSpots).toBe(0);
});

it('a Private CA named by an AWSPCAIssuer is read as well (discovered), with the configured Vault', async () => {
  const setup = await lambdaSetup(vault);
  expect(await processScanMessage(setup, message('pca-discovered'))).toBe(true);
  const finding = await upstreamAlert('pca-discovered', pcaCerts);
  expect(finding.message).toContain(`PrivateCA ${ARN}`);
  expect(pca.commandCalls(DescribeCertificateAuthorityCommand as never)).not.toHaveLength(0);
});

it('a sealed Vault is a blind spot naming the mount; the cluster is still scanned and recorded', async () => {
  const setup = await lambdaSetup(sealed);
  sealed.requests.length = 0;
  expect(await processScanMessage(setup, message('pca-discovered'))).toBe(true);
  expect(sealed.requests.length).toBeGreaterThan(0);
  const summary = (await store().loadCluster(clusterId('pca-discovered'))).lastSummary!;
  expect(summary.certificates).toBeGreaterThan(0);
  expect(summary.blindSpots).toBeGreaterThan(0);
  expect(summary.blindSpotDetails?.map((b) => `${b.source} ${b.reason}`)).toEqual([
    `vault-pki VaultPKI//${sealed.url}/v1/pki_int/issuers server_error`,
  ]);
  const alerts = await openAlerts('pca-discovered');
  const blind = alerts.filter((a) => a.finding.rule === 'blind_spot');
  expect(blind.map((a) => a.finding.message).join('\n')).toContain(`${sealed.url}/v1/pki_int`);
  // The rest is reported: the Private CA the cluster names still makes its intermediate critical.
  await upstreamAlert('pca-discovered', pcaCerts);
});

it('a token secret that cannot be read is a blind spot on the mount, not a failed scan', async () => {
  secrets.on(GetSecretValueCommand as never, { SecretId: 'certwatch/denied' }).rejects(
    Object.assign(new Error('not authorized to perform secretsmanager:GetSecretValue'), {
      name: 'AccessDeniedException',
    }),
  );
  vault.requests.length = 0;
  const setup = await lambdaSetup(vault, 'certwatch/denied');
  expect(await processScanMessage(setup, message('vault-configured'))).toBe(true);
  expect(vault.requests).toEqual([]);
  const summary = (await store().loadCluster(clusterId('vault-configured'))).lastSummary!;
  expect(summary.blindSpotDetails).toEqual([
    expect.objectContaining({ source: expect.stringContaining('vault-pki'), reason: 'unauthorized' }),
  ]);
  expect(summary.blindSpotDetails![0]!.detail).toContain(
    'cannot read the Vault token: AccessDeniedException',
  );
  expect(summary.certificates).toBeGreaterThan(0);
});

it('a configured Private CA the scan role may not describe is a blind spot naming the ARN and the grant; the rest is judged', async () => {
  const denied = `arn:aws:acm-pca:eu-west-1:${ACCOUNT}:certificate-authority/denied-0000-0000-0000-000000000000`;
  const refusal = (action: string) =>
    Object.assign(new Error(`not authorized to perform acm-pca:${action}`), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
  const actions = ['DescribeCertificateAuthority', 'GetCertificateAuthorityCertificate'];
  pca
    .on(DescribeCertificateAuthorityCommand as never, { CertificateAuthorityArn: denied })
    .rejects(refusal(actions[0]!));
  pca
    .on(GetCertificateAuthorityCertificateCommand as never, { CertificateAuthorityArn: denied })
    .rejects(refusal(actions[1]!));
  const setup = await lambdaSetup(vault, TOKEN_SECRET, [denied]);
  expect(await processScanMessage(setup, message('vault-configured'))).toBe(true);
  const summary = (await store().loadCluster(clusterId('vault-configured'))).lastSummary!;
  // One blind spot per call refused, each naming the CA and its action.
  expect(summary.blindSpotDetails).toEqual(
    actions.map((action) => ({
      source: `aws-pca PrivateCA//${denied}/${action}`,
      reason: 'permission_denied',
      detail: `AccessDeniedException: not authorized to perform acm-pca:${action}`,
    })),
  );
  const blind = (await openAlerts('vault-configured')).filter((a) => a.finding.rule === 'blind_spot');
  expect(blind.map((a) => a.finding.remediation).join('\n')).toContain(
    'acm-pca:DescribeCertificateAuthority',
  );
  // The configured Vault is still read and judged.
  await upstreamAlert('vault-configured', vaultCerts);
});

it('stores and publishes neither the Vault token nor key material', async () => {
  const items = JSON.stringify((await client.send(new ScanCommand({ TableName: 'history' }))).Items);
  const everything = items + published.join('\n');
  expect(everything).not.toContain(VAULT_TOKEN);
  for (const line of [vaultCerts, pcaCerts].flatMap((c) => canaryLines(c.intermediate.keyPem)))
    expect(everything).not.toContain(line);
});
