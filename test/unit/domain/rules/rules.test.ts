import { assess } from '#domain/assess';
import type { CertificateMaterial } from '#domain/model';
import { factsOf } from '#support/facts';
import { materialOf, verdicts } from '#support/materials';
import { type MintedCert, type MintOptions, mint } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000);
const fp = (m: MintedCert): string => factsOf(m).fingerprint;

let root: MintedCert;
beforeAll(async () => {
  root = await mint({
    subject: 'CN=Table Root,O=certwatch',
    isCA: true,
    notBefore: at(-365),
    notAfter: at(3000),
  });
});

type Case = {
  name: string;
  /** Options of the certificate under test (issued by the shared healthy root unless `self`). */
  cert: Omit<MintOptions, 'issuer'> & { self?: boolean };
  material?: Partial<CertificateMaterial>;
  expected: string[];
};

const CASES: Case[] = [
  {
    name: 'healthy intermediate',
    cert: { subject: 'CN=Int', isCA: true, notBefore: at(-30), notAfter: at(700) },
    expected: [],
  },
  {
    name: 'expired leaf',
    cert: { subject: 'CN=old', notBefore: at(-10), notAfter: at(-1) },
    expected: ['expired:critical'],
  },
  {
    name: 'not yet valid leaf',
    cert: { subject: 'CN=future', notBefore: at(2), notAfter: at(30) },
    expected: ['not_yet_valid:warning'],
  },
  {
    name: 'root with 60 days left',
    cert: { subject: 'CN=R60', self: true, isCA: true, notBefore: at(-3000), notAfter: at(60) },
    expected: ['expiring_soon:critical'],
  },
  {
    name: 'root with 200 days left',
    cert: { subject: 'CN=R200', self: true, isCA: true, notBefore: at(-3000), notAfter: at(200) },
    expected: ['expiring_soon:warning'],
  },
  {
    name: 'root with 15% of lifetime left (absolute days fine)',
    cert: { subject: 'CN=R15', self: true, isCA: true, notBefore: at(-3400), notAfter: at(600) },
    expected: ['expiring_soon:warning'],
  },
  {
    name: 'intermediate with 20 days left',
    cert: { subject: 'CN=I20', isCA: true, notBefore: at(-300), notAfter: at(20) },
    expected: ['expiring_soon:critical'],
  },
  {
    name: 'intermediate with 60 days left',
    cert: { subject: 'CN=I60', isCA: true, notBefore: at(-100), notAfter: at(60) },
    expected: ['expiring_soon:warning'],
  },
  {
    name: 'intermediate with 25% of lifetime left',
    cert: { subject: 'CN=I25', isCA: true, notBefore: at(-600), notAfter: at(200) },
    expected: ['expiring_soon:warning'],
  },
  {
    name: 'leaf past its rotation point + grace',
    cert: { subject: 'CN=late', notBefore: at(-0.8), notAfter: at(0.2) },
    expected: ['expiring_soon:warning'],
  },
  {
    name: 'istio leaf past 50% + grace',
    cert: { subject: 'CN=istio', notBefore: at(-0.65), notAfter: at(0.35) },
    material: { mesh: 'istio' },
    expected: ['expiring_soon:warning'],
  },
  {
    name: 'generic leaf at 65% is on time',
    cert: { subject: 'CN=ok', notBefore: at(-0.65), notAfter: at(0.35) },
    expected: [],
  },
  {
    name: 'leaf with 5% of lifetime left',
    cert: { subject: 'CN=dying', notBefore: at(-0.95), notAfter: at(0.05) },
    expected: ['expiring_soon:critical'],
  },
  {
    name: 'long leaf with 50 minutes left',
    cert: { subject: 'CN=h', notBefore: at(-0.1), notAfter: at(50 / 1440) },
    expected: ['expiring_soon:critical'],
  },
  {
    name: 'leaf outliving its root',
    cert: { subject: 'CN=long', notBefore: at(-1), notAfter: at(3100) },
    expected: ['outlives_issuer:warning'],
  },
  {
    name: 'RSA 1024 key',
    cert: { subject: 'CN=weak', key: 'RSA-1024', notBefore: at(-1), notAfter: at(30) },
    expected: ['weak_key:warning'],
  },
  {
    name: 'RSA 2048 key is fine',
    cert: { subject: 'CN=rsa', key: 'RSA-2048', notBefore: at(-1), notAfter: at(30) },
    expected: [],
  },
  {
    name: 'P-521 is allowed by default',
    cert: { subject: 'CN=c', key: 'EC-P521', notBefore: at(-1), notAfter: at(30) },
    expected: [],
  },
  {
    name: 'SHA-1 signature',
    cert: { subject: 'CN=sha1', signatureHash: 'SHA-1', notBefore: at(-1), notAfter: at(30) },
    expected: ['sha1_signature:warning'],
  },
  {
    name: 'self-signed SHA-1 root is not flagged',
    cert: {
      subject: 'CN=sr',
      self: true,
      isCA: true,
      signatureHash: 'SHA-1',
      notBefore: at(-1),
      notAfter: at(3000),
    },
    expected: [],
  },
  {
    name: 'workload living 200 days',
    cert: { subject: '', uris: ['spiffe://td/ns/a/sa/b'], notBefore: at(-10), notAfter: at(190) },
    expected: ['workload_lifetime_too_long:warning'],
  },
  {
    name: 'non-workload leaf living 200 days',
    cert: { subject: 'CN=web', dnsNames: ['web'], notBefore: at(-10), notAfter: at(190) },
    expected: [],
  },
];

describe('risk rules (table)', () => {
  it.each(CASES)('$name → $expected', async ({ cert, material, expected }) => {
    const { self, ...options } = cert;
    const minted = await mint({ ...options, issuer: self ? undefined : root });
    const materials = [materialOf(minted, material), materialOf(root, { name: 'root' })];
    const result = await assess(self ? [materialOf(minted, material)] : materials, { now: NOW });
    expect(verdicts(result, fp(minted))).toEqual(expected);
    expect(verdicts(result, fp(root))).toEqual([]);
  });

  it('allowed curves come from the policy', async () => {
    const minted = await mint({
      subject: 'CN=c',
      key: 'EC-P521',
      issuer: root,
      notBefore: at(-1),
      notAfter: at(30),
    });
    const result = await assess([materialOf([minted, root])], {
      now: NOW,
      policy: { allowedCurves: ['P-256'] },
    });
    expect(verdicts(result, fp(minted))).toEqual(['weak_key:warning']);
  });

  it('thresholds are configurable per level', async () => {
    const int = await mint({
      subject: 'CN=I',
      isCA: true,
      issuer: root,
      notBefore: at(-100),
      notAfter: at(60),
    });
    const result = await assess([materialOf([int, root])], {
      now: NOW,
      policy: { intermediate: { warningDays: 30, warningFraction: 0.1 } },
    });
    expect(verdicts(result, fp(int))).toEqual([]);
  });
});

describe('chain rules', () => {
  it('chain_broken (critical) when the named issuer does not verify the signature', async () => {
    const replaced = await mint({
      subject: 'CN=Table Root,O=certwatch',
      isCA: true,
      notBefore: at(-1),
      notAfter: at(3000),
      omitKeyIdentifiers: true,
    });
    const leaf = await mint({
      subject: 'CN=orphan',
      issuer: root,
      notBefore: at(-1),
      notAfter: at(1),
      omitKeyIdentifiers: true,
    });
    const result = await assess([materialOf([leaf, replaced])], { now: NOW });
    expect(verdicts(result, fp(leaf))).toEqual(['chain_broken:critical']);
  });

  it('chain_broken (policy severity) when the issuer is not in the material', async () => {
    const leaf = await mint({ subject: 'CN=alone', issuer: root, notBefore: at(-1), notAfter: at(1) });
    expect(verdicts(await assess([materialOf(leaf)], { now: NOW }), fp(leaf))).toEqual([
      'chain_broken:warning',
    ]);
    const strict = await assess([materialOf(leaf)], {
      now: NOW,
      policy: { missingIssuerSeverity: 'critical' },
    });
    expect(verdicts(strict, fp(leaf))).toEqual(['chain_broken:critical']);
  });

  it('issuer_not_trusted when an explicit trust bundle holds another root', async () => {
    const other = await mint({ subject: 'CN=Other Root', isCA: true, notBefore: at(-1), notAfter: at(3000) });
    const leaf = await mint({ subject: 'CN=svc', issuer: root, notBefore: at(-0.1), notAfter: at(0.9) });
    const bundle = [materialOf(other, { name: 'bundle' })];
    const untrusted = await assess([materialOf([leaf, root])], { now: NOW, trustBundle: bundle });
    expect(verdicts(untrusted, fp(leaf))).toEqual(['issuer_not_trusted:critical']);
    const trusted = await assess([materialOf([leaf, root])], {
      now: NOW,
      trustBundle: [materialOf(root, { name: 'b' })],
    });
    expect(verdicts(trusted, fp(leaf))).toEqual([]);
  });

  it('issuer_not_trusted from material trustBundle flags applies within the same mesh only', async () => {
    const other = await mint({ subject: 'CN=Other Root', isCA: true, notBefore: at(-1), notAfter: at(3000) });
    const leaf = await mint({ subject: 'CN=svc', issuer: root, notBefore: at(-0.1), notAfter: at(0.9) });
    const bundle = materialOf(other, { name: 'istio-ca-root-cert', mesh: 'istio', trustBundle: true });
    const inMesh = await assess([bundle, materialOf([leaf, root], { mesh: 'istio' })], { now: NOW });
    expect(verdicts(inMesh, fp(leaf))).toEqual(['issuer_not_trusted:critical']);
    const elsewhere = await assess([bundle, materialOf([leaf, root], { mesh: 'cert-manager' })], {
      now: NOW,
    });
    expect(verdicts(elsewhere, fp(leaf))).toEqual([]);
  });
});
