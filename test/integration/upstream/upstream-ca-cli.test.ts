/**
 * Upstream CAs through the real CLI: a cluster whose Istio `cacerts` intermediate (300 days left)
 * was signed by an upstream issuer with 10 days left reports `upstream_expires_first` as critical,
 * with the Vault mount given by --vault-pki or discovered from a cert-manager Vault ClusterIssuer,
 * and with an AWS Private CA subordinate given by --pca-arn or discovered from an AWSPCAIssuer.
 * A sealed Vault and a denied Private CA are blind spots; the rest of the scan is reported.
 */
import type { JsonReport, ReportCluster } from '#domain/report';
import { type Simulator, startSimulator } from '#simulator';
import {
  awsPcaIssuer,
  type UpstreamCerts,
  upstreamCerts,
  upstreamIstioCluster,
  vaultClusterIssuer,
  vaultMountOf,
} from '#simulator/scenarios/upstream-ca';
import { type PrivateCaServer, startPrivateCa } from '#support/private-ca-server';
import { startVaultPair, type VaultApiServer } from '#support/vault-api-server';
import {
  canaryLines,
  clusterOf,
  fingerprintOf,
  kubeconfigFor,
  removeDir,
  runCli,
  scanArgs,
  stopAll,
} from '../scan/run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
const ARN =
  'arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/11111111-2222-3333-4444-555555555555';
const DENIED =
  'arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/99999999-2222-3333-4444-555555555555';
const VAULT_TOKEN = 'hvs.CANARY-vault-token-never-printed';

let vault: VaultApiServer;
let sealed: VaultApiServer;
let pca: PrivateCaServer;
let sims: Simulator[] = [];
let dir = '';
let kubeconfig = '';
let vaultCerts: UpstreamCerts;
let pcaCerts: UpstreamCerts;

const awsEnv = () => ({
  AWS_ENDPOINT_URL_ACM_PCA: pca.url,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_REGION: 'eu-west-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

beforeAll(async () => {
  vaultCerts = await upstreamCerts(NOW, 'Vault');
  pcaCerts = await upstreamCerts(NOW, 'Private CA');
  ({ vault, sealed } = await startVaultPair(vaultMountOf(vaultCerts), VAULT_TOKEN));
  pca = await startPrivateCa({
    [ARN]: {
      status: 'ACTIVE',
      type: 'SUBORDINATE',
      certificatePem: pcaCerts.issuer.pem,
      chainPem: pcaCerts.root.pem,
      notAfter: new Date(NOW.getTime() + 10 * 86_400_000),
    },
  });
  pca.denied.add(DENIED);
  const clusters = [
    upstreamIstioCluster('vault-flag', vaultCerts),
    upstreamIstioCluster('vault-found', vaultCerts, [vaultClusterIssuer(vault.url, 'pki_int', vault.caPem)]),
    upstreamIstioCluster('pca-flag', pcaCerts),
    upstreamIstioCluster('pca-found', pcaCerts, [awsPcaIssuer('istio-system', ARN, 'eu-west-1')]),
  ];
  sims = await Promise.all(clusters.map((c) => startSimulator({ scenario: c.scenario })));
  const contexts = sims.map((s) => s.context('admin'));
  contexts.push({ ...sims[0]!.context('admin', 'vault-flag-again') });
  ({ dir, path: kubeconfig } = await kubeconfigFor(contexts));
}, 120_000);

afterAll(async () => {
  await stopAll(sims);
  await Promise.all([vault?.stop(), sealed?.stop(), pca?.stop()]);
  if (dir) await removeDir(dir);
});

async function scan(contexts: string[], env: Record<string, string>, ...extra: string[]) {
  const run = await runCli(scanArgs(kubeconfig, { contexts, now: NOW }, ...extra), 90_000, env);
  let report: JsonReport;
  try {
    report = JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`no JSON report (exit ${run.code}): ${run.stderr}`);
  }
  return { run, report };
}

function upstreamFinding(cluster: ReportCluster, certs: UpstreamCerts) {
  const found = cluster.findings.filter((f) => f.rule === 'upstream_expires_first');
  expect(found).toHaveLength(1);
  const finding = found[0]!;
  expect(finding.fingerprint).toBe(fingerprintOf(certs.intermediate.der));
  return finding;
}

function expectChainToRoot(cluster: ReportCluster, certs: UpstreamCerts) {
  const byFp = new Map(cluster.certificates.map((c) => [c.fingerprint, c]));
  const mid = byFp.get(fingerprintOf(certs.intermediate.der))!;
  expect(mid.level).toBe('intermediate');
  expect(mid.issuerFingerprint).toBe(fingerprintOf(certs.issuer.der));
  // Effective expiry runs to the real root: the upstream issuer's 10 days, not the intermediate's 300.
  expect(mid.daysLeft).toBe(10);
  expect(mid.chainId).toBe(fingerprintOf(certs.root.der));
  expect(byFp.get(fingerprintOf(certs.issuer.der))?.level).toBe('intermediate');
  expect(byFp.get(fingerprintOf(certs.root.der))?.level).toBe('root');
}

test('--vault-pki: the Vault issuer with 10 days left makes the 300-day cacerts intermediate critical, read once per run', async () => {
  vault.requests.length = 0;
  const env = { VAULT_ADDR: vault.url, VAULT_TOKEN, VAULT_CACERT: `${dir}/vault-ca.pem` };
  await import('node:fs/promises').then((fs) => fs.writeFile(env.VAULT_CACERT, vault.caPem));
  const { run, report } = await scan(['vault-flag', 'vault-flag-again'], env, '--vault-pki', 'pki_int');
  expect(run.code).toBe(1);
  for (const name of ['vault-flag', 'vault-flag-again']) {
    const cluster = clusterOf(report, name);
    expect(cluster.status).toBe('ok');
    const finding = upstreamFinding(cluster, vaultCerts);
    expect(finding.severity).toBe('critical');
    expect(finding.message).toContain("istio-intermediate 'CN=Istio CA,O=cluster.local'");
    expect(finding.message).toContain("vault-intermediate 'CN=Vault Issuing CA,O=example'");
    expect(finding.message).toContain(`VaultPKI ${vault.url}/v1/pki_int key issuer/`);
    expect(finding.remediation).toContain(`Rotate the issuer of Vault PKI mount pki_int at ${vault.url}`);
    expect(finding.remediation).toContain('cacerts');
    expect(cluster.findings.some((f) => f.rule === 'outlives_issuer')).toBe(false);
    expectChainToRoot(cluster, vaultCerts);
    // Both issuers of the mount (the rotation's successor too) are read and judged.
    expect(cluster.certificates.some((c) => c.fingerprint === fingerprintOf(vaultCerts.next.der))).toBe(true);
    expect(cluster.upstreams).toEqual([
      { kind: 'vault', name: `${vault.url}/v1/pki_int`, configured: true, discoveredFrom: [], status: 'ok' },
    ]);
  }
  // Two clusters, one read: LIST + one JSON per issuer.
  expect(vault.requests.map((r) => r.path)).toEqual([
    '/v1/pki_int/issuers?list=true',
    '/v1/pki_int/issuer/a1b2c3d4-0000-4000-8000-000000000001/json',
    '/v1/pki_int/issuer/a1b2c3d4-0000-4000-8000-000000000002/json',
  ]);
  expect(run.stdout + run.stderr).not.toContain(VAULT_TOKEN);
  for (const line of canaryLines(vaultCerts.intermediate.keyPem))
    expect(run.stdout + run.stderr).not.toContain(line);
}, 120_000);

test('discovered: a cert-manager Vault ClusterIssuer and an AWSPCAIssuer name the upstreams; no token leaves for a discovered server', async () => {
  vault.requests.length = 0;
  vault.requiredToken = undefined;
  try {
    // VAULT_ADDR points elsewhere: the token must not go to the server a cluster object names.
    const env = { ...awsEnv(), VAULT_ADDR: 'https://127.0.0.1:1', VAULT_TOKEN };
    const { run, report } = await scan(['vault-found', 'pca-found'], env);
    expect(run.code).toBe(1);
    const v = clusterOf(report, 'vault-found');
    expect(upstreamFinding(v, vaultCerts).severity).toBe('critical');
    expectChainToRoot(v, vaultCerts);
    expect(v.upstreams).toEqual([
      {
        kind: 'vault',
        name: `${vault.url}/v1/pki_int`,
        configured: false,
        discoveredFrom: ['ClusterIssuer vault-issuer'],
        status: 'ok',
      },
    ]);
    const p = clusterOf(report, 'pca-found');
    const finding = upstreamFinding(p, pcaCerts);
    expect(finding.severity).toBe('critical');
    expect(finding.message).toContain(`PrivateCA ${ARN} key Certificate`);
    expect(finding.remediation).toContain(`Renew the certificate of AWS Private CA ${ARN}`);
    expectChainToRoot(p, pcaCerts);
    expect(p.upstreams).toEqual([
      {
        kind: 'aws-pca',
        name: ARN,
        configured: false,
        discoveredFrom: ['AWSPCAIssuer istio-system/pca'],
        status: 'ok',
      },
    ]);
    expect(vault.requests.length).toBeGreaterThan(0);
    expect(vault.requests.every((r) => r.token === undefined)).toBe(true);
  } finally {
    vault.requiredToken = VAULT_TOKEN;
  }
}, 120_000);

test('--pca-arn: the Private CA subordinate with 10 days left makes the cacerts intermediate critical', async () => {
  pca.calls.length = 0;
  const { run, report } = await scan(['pca-flag'], awsEnv(), '--pca-arn', ARN, '--format', 'json');
  expect(run.code).toBe(1);
  const cluster = clusterOf(report, 'pca-flag');
  expect(cluster.status).toBe('ok');
  const finding = upstreamFinding(cluster, pcaCerts);
  expect(finding.severity).toBe('critical');
  expect(finding.message).toContain("aws-pca-subordinate 'CN=Private CA Issuing CA,O=example'");
  expectChainToRoot(cluster, pcaCerts);
  expect(pca.calls).toEqual([
    `ACMPrivateCA.DescribeCertificateAuthority ${ARN}`,
    `ACMPrivateCA.GetCertificateAuthorityCertificate ${ARN}`,
  ]);
}, 120_000);

test('a sealed Vault and a denied Private CA are blind spots; the cluster is still reported', async () => {
  const env = { ...awsEnv(), VAULT_ADDR: sealed.url, VAULT_CACERT: `${dir}/vault-ca.pem` };
  await import('node:fs/promises').then((fs) => fs.writeFile(env.VAULT_CACERT, sealed.caPem));
  const { run, report } = await scan(['vault-flag'], env, '--vault-pki', 'pki_int', '--pca-arn', DENIED);
  const cluster = clusterOf(report, 'vault-flag');
  expect(cluster.status).toBe('partial');
  // The cluster's own material is all there.
  expect(cluster.certificates.map((c) => c.fingerprint).sort()).toEqual(
    [vaultCerts.intermediate, vaultCerts.root].map((c) => fingerprintOf(c.der)).sort(),
  );
  const spots = cluster.findings.filter((f) => f.rule === 'blind_spot');
  const vaultSpot = spots.find((f) => f.source?.kind === 'VaultPKI');
  expect(vaultSpot?.message).toContain('server_error');
  expect(vaultSpot?.message).toContain('Vault is sealed');
  expect(vaultSpot?.remediation).toContain('unseal');
  const pcaSpots = spots.filter((f) => f.source?.kind === 'PrivateCA');
  expect(pcaSpots.map((f) => f.message).join('\n')).toContain('permission_denied');
  expect(pcaSpots[0]?.remediation).toContain('acm-pca:DescribeCertificateAuthority');
  expect(cluster.upstreams?.map((u) => u.status)).toEqual(['failed', 'failed']);
  expect(cluster.findings.some((f) => f.rule === 'upstream_expires_first')).toBe(false);
  expect(run.code).toBe(1);
}, 120_000);
