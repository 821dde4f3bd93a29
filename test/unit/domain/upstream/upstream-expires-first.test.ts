/**
 * `upstream_expires_first` and the upstream model: an in-cluster CA under a Vault / Private CA
 * certificate that expires first is judged by the upstream's days left; the rule stays quiet
 * for certificates that are themselves upstream, for leaves, and when the upstream outlives it.
 */
import { assess } from '#domain/assess';
import { buildDigest } from '#domain/digest/build-digest';
import type { CertificateMaterial } from '#domain/model';
import { upstreamDigestAction } from '#domain/remediation';
import {
  mergeUpstreams,
  parsePrivateCaArn,
  upstreamLocation,
  upstreamOfLocation,
  type VaultMountRef,
  vaultMountOfPath,
  vaultOrigin,
} from '#domain/upstream';
import { factsOf } from '#support/facts';
import { materialOf, verdicts } from '#support/materials';
import { type MintedCert, mint } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000);
const fp = (m: MintedCert): string => factsOf(m).fingerprint;
const VAULT: VaultMountRef = { kind: 'vault', address: 'https://vault.example:8200', mount: 'pki_int' };
const ARN =
  'arn:aws:acm-pca:eu-west-1:111111111111:certificate-authority/0123abcd-0000-4000-8000-000000000000';

let root: MintedCert;
beforeAll(async () => {
  root = await mint({ subject: 'CN=Up Root', isCA: true, notBefore: at(-400), notAfter: at(3000) });
});

async function chain(upstreamDays: number, clusterDays: number, clusterIsCA = true) {
  const upstream = await mint({
    subject: 'CN=Up Issuing',
    issuer: root,
    isCA: true,
    notBefore: at(-300),
    notAfter: at(upstreamDays),
  });
  const inCluster = await mint({
    subject: 'CN=Istio CA',
    issuer: upstream,
    isCA: clusterIsCA,
    notBefore: at(-10),
    notAfter: at(clusterDays),
  });
  return { upstream, inCluster };
}

const vaultMaterial = (certs: MintedCert[]): CertificateMaterial => ({
  source: upstreamLocation(VAULT, 'issuer/1'),
  data: certs.map((c) => c.pem).join(''),
  mesh: 'vault',
});
const cacerts = (cert: MintedCert): CertificateMaterial =>
  materialOf(cert, { name: 'cacerts', mesh: 'istio', role: 'istio-intermediate' });

test.each([
  // upstream days, cluster days, expected verdict on the in-cluster CA
  [10, 300, ['expiring_soon:info', 'upstream_expires_first:critical']],
  [29, 300, ['expiring_soon:info', 'upstream_expires_first:critical']],
  [200, 300, ['upstream_expires_first:warning']],
  [400, 300, []],
  [300.5, 300, []], // within the one-day grace
])('upstream with %d days, in-cluster CA with %d days → %j', async (upDays, clusterDays, expected) => {
  const { upstream, inCluster } = await chain(upDays, clusterDays);
  const a = await assess([vaultMaterial([upstream, root]), cacerts(inCluster)], { now: NOW });
  const got = verdicts(a, fp(inCluster)).filter((v) => v.startsWith('upstream_expires_first'));
  expect(got).toEqual(expected.filter((v) => v.startsWith('upstream_expires_first')));
  // outlives_issuer never doubles it.
  expect(verdicts(a, fp(inCluster)).some((v) => v.startsWith('outlives_issuer'))).toBe(false);
  const cert = a.certificates.find((c) => c.facts.fingerprint === fp(inCluster))!;
  expect(cert.daysLeft).toBe(Math.floor(Math.min(upDays, clusterDays)));
  const up = a.certificates.find((c) => c.facts.fingerprint === fp(upstream))!;
  expect(up.role).toBe('vault-intermediate');
  expect(up.mesh).toBe('vault');
});

test('an expired upstream root makes the in-cluster CA critical and names the Private CA to renew', async () => {
  const oldRoot = await mint({ subject: 'CN=Old Root', isCA: true, notBefore: at(-900), notAfter: at(-2) });
  const inCluster = await mint({
    subject: 'CN=cm CA',
    issuer: oldRoot,
    isCA: true,
    notBefore: at(-100),
    notAfter: at(200),
  });
  const pca: CertificateMaterial = {
    source: upstreamLocation({ kind: 'aws-pca', arn: ARN, region: 'eu-west-1' }, 'Certificate'),
    data: oldRoot.pem,
    mesh: 'aws-pca',
  };
  const a = await assess([pca, materialOf(inCluster, { mesh: 'cert-manager', role: 'cert-manager-ca' })], {
    now: NOW,
  });
  const f = a.findings.find((x) => x.rule === 'upstream_expires_first')!;
  expect(f.severity).toBe('critical');
  expect(f.message).toContain("aws-pca-root 'CN=Old Root'");
  expect(f.message).toContain('expired on 2026-05-30');
  expect(f.remediation).toContain(`Renew the certificate of AWS Private CA ${ARN}`);
  expect(f.remediation).toContain('Then in the cluster: Renew the CA certificate');
});

test('quiet for leaves, for upstream certificates themselves, and without any upstream source', async () => {
  const { upstream, inCluster } = await chain(10, 300, false);
  const leafOnly = await assess([vaultMaterial([upstream, root]), materialOf(inCluster)], { now: NOW });
  expect(leafOnly.findings.filter((f) => f.rule === 'upstream_expires_first')).toEqual([]);
  const ca = await chain(10, 300);
  // The same chain seen only in the cluster: the generic outlives_issuer warning, not this rule.
  const inClusterOnly = await assess([materialOf([ca.inCluster, ca.upstream, root])], { now: NOW });
  expect(verdicts(inClusterOnly, fp(ca.inCluster))).toContain('outlives_issuer:warning');
  expect(inClusterOnly.findings.some((f) => f.rule === 'upstream_expires_first')).toBe(false);
  // The upstream issuer seen in the cluster too stays an upstream certificate (Vault's role).
  const both = await assess(
    [
      vaultMaterial([ca.upstream, root]),
      cacerts(ca.inCluster),
      materialOf(ca.upstream, { name: 'chain', mesh: 'istio', role: 'istio-intermediate' }),
    ],
    { now: NOW },
  );
  expect(both.certificates.find((c) => c.facts.fingerprint === fp(ca.upstream))?.role).toBe(
    'vault-intermediate',
  );
  expect(both.findings.filter((f) => f.rule === 'upstream_expires_first')).toHaveLength(1);
});

test.each([
  ['pki_int/sign/example-dot-com', 'pki_int'],
  ['/v1/pki/root/sign-intermediate', 'pki'],
  ['teams/a/pki/issuer/default/sign/web', 'teams/a/pki'],
  ['pki/sign-verbatim', 'pki'],
  ['pki_int/issue/role', 'pki_int'],
  ['sign/role', undefined],
  ['pki', undefined],
  ['pki/../sys/sign/x', undefined],
])('cert-manager path %s → mount %s', (path, mount) => {
  expect(vaultMountOfPath(path)).toBe(mount);
});

test('ARNs, origins, locations and merging', () => {
  expect(parsePrivateCaArn(ARN)).toEqual({ region: 'eu-west-1', account: '111111111111' });
  expect(parsePrivateCaArn('arn:aws:acm-pca:moon:1:certificate-authority/x')).toBeUndefined();
  expect(vaultOrigin('https://Vault.example:8200/ui/')).toBe('https://vault.example:8200');
  expect(vaultOrigin('ftp://vault')).toBeUndefined();
  expect(vaultOrigin('https://user:pw@vault')).toBeUndefined();
  const ns = { ...VAULT, namespace: 'admin/team-a' };
  expect(upstreamOfLocation(upstreamLocation(ns, 'ca_chain'))).toEqual(ns);
  const merged = mergeUpstreams(
    [VAULT],
    [
      { ref: { ...VAULT, caPem: 'other' }, from: 'ClusterIssuer b' },
      { ref: { ...VAULT }, from: 'Issuer ns/a' },
      { ref: { kind: 'aws-pca', arn: ARN, region: 'eu-west-1' }, from: 'AWSPCAIssuer ns/p' },
    ],
  );
  expect(merged).toEqual([
    {
      ref: { kind: 'aws-pca', arn: ARN, region: 'eu-west-1' },
      configured: false,
      discoveredFrom: ['AWSPCAIssuer ns/p'],
    },
    { ref: VAULT, configured: true, discoveredFrom: ['ClusterIssuer b', 'Issuer ns/a'] },
  ]);
});

test('the digest lists an upstream CA expiry with its own action line naming the mount', () => {
  const action = upstreamDigestAction([
    { kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'cert-chain.pem' },
    upstreamLocation(VAULT, 'issuer/1'),
  ]);
  expect(action).toContain(
    'Upstream CA: rotate the issuer of Vault PKI mount pki_int at https://vault.example:8200',
  );
  expect(upstreamDigestAction([{ kind: 'Secret', name: 'x' }])).toBeUndefined();
  const digest = buildDigest({
    now: NOW,
    clusters: [],
    rotations: [],
    openAlerts: [],
    blindSpots: [],
    upcoming: [
      {
        cluster: 'prod',
        mesh: 'vault',
        level: 'intermediate',
        role: 'vault-intermediate',
        subject: 'CN=Up Issuing',
        fingerprint: 'ab',
        notAfter: at(10),
        automatic: false,
        ...(action ? { action } : {}),
      },
    ],
  });
  const text = digest.text.replace(/\n\s+/g, ' ');
  expect(text).toContain('vault-intermediate in prod');
  expect(text).toContain('Action: Upstream CA: rotate the issuer of Vault PKI mount pki_int');
});
