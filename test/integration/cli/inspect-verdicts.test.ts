/**
 * The verdicts of issue 10, each through the real CLI (`node bin/certwatch.js inspect`, spawned as a
 * user would) on certificates minted with the openssl CLI relative to a fixed --now, and checked
 * against `openssl verify -attime` where openssl has an opinion. One test per defect found.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport, ReportCluster } from '#domain/report';
import { mint } from '#support/mint';
import { caExtensions, leafExtensions, OpensslMint } from '#support/openssl-ca';
import { runCli } from '../scan/run-cli';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
const dir = mkdtempSync(join(tmpdir(), 'certwatch-verdicts-'));
const ca = new OpensslMint(dir);
const path = (name: string) => ca.path(name);
const span = { notBefore: at(-30), notAfter: at(300) };

function opensslVerify(leaf: string, trusted: string[], untrusted: string[] = []): Promise<string> {
  const bundle = (names: string[], file: string) => {
    writeFileSync(join(dir, file), names.map((n) => ca.pem(n)).join(''));
    return join(dir, file);
  };
  const args = ['verify', '-attime', String(NOW.getTime() / 1000), '-CAfile', bundle(trusted, 'trusted.pem')];
  if (untrusted.length > 0) args.push('-untrusted', bundle(untrusted, 'untrusted.pem'));
  return new Promise((resolve) => {
    execFile('openssl', [...args, path(leaf)], (_e, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
}

async function inspect(...args: string[]): Promise<{ code: number; cluster: ReportCluster; stderr: string }> {
  const run = await runCli(['inspect', ...args, '--format', 'json', '--now', NOW.toISOString()]);
  const report = JSON.parse(run.stdout || '{"clusters":[]}') as JsonReport;
  return { code: run.code, cluster: report.clusters[0]!, stderr: run.stderr };
}

const bySubject = (cluster: ReportCluster, cn: string) =>
  cluster.certificates.find((c) => c.subject === `CN=${cn}`)!;
const rulesOf = (cluster: ReportCluster, cn: string) =>
  cluster.findings
    .filter((f) => f.fingerprint === bySubject(cluster, cn).fingerprint)
    .map((f) => `${f.rule}:${f.severity}`)
    .sort();

beforeAll(async () => {
  ca.key('k-root', 'ec-p256').key('k-int', 'ec-p256').key('k-int2', 'ec-p256').key('k-leaf', 'ec-p256');
  ca.key('k-ed25519', 'ed25519').key('k-ed448', 'ed448').key('k-other', 'ec-p256');
  const root = { cert: 'root', key: 'k-root' };
  ca.cert({ name: 'root', subject: '/CN=Root', key: 'k-root', ...span, extensions: caExtensions() });
  // 1: the same key renamed; the leaf was issued under the old name.
  ca.cert({
    name: 'renamed',
    subject: '/CN=Renamed Root',
    key: 'k-root',
    ...span,
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'leaf-of-root',
    subject: '/CN=leaf-of-root',
    key: 'k-leaf',
    issuer: root,
    ...span,
    extensions: leafExtensions(),
  });
  // 2: a CA:FALSE certificate that signed a leaf; pathlen:0 above two intermediates.
  ca.cert({
    name: 'not-ca',
    subject: '/CN=Not A CA',
    key: 'k-int',
    issuer: root,
    ...span,
    extensions: [
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,keyCertSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid:always',
    ],
  });
  ca.cert({
    name: 'leaf-of-not-ca',
    subject: '/CN=leaf-of-not-ca',
    key: 'k-leaf',
    issuer: { cert: 'not-ca', key: 'k-int' },
    ...span,
    extensions: leafExtensions(),
  });
  ca.cert({
    name: 'root-pl0',
    subject: '/CN=Root pathlen 0',
    key: 'k-root',
    ...span,
    extensions: caExtensions({ pathLen: 0 }),
  });
  ca.cert({
    name: 'int1',
    subject: '/CN=Int One',
    key: 'k-int',
    issuer: { cert: 'root-pl0', key: 'k-root' },
    ...span,
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'int2',
    subject: '/CN=Int Two',
    key: 'k-int2',
    issuer: { cert: 'int1', key: 'k-int' },
    ...span,
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'leaf-deep',
    subject: '/CN=leaf-deep',
    key: 'k-leaf',
    issuer: { cert: 'int2', key: 'k-int2' },
    ...span,
    extensions: leafExtensions(),
  });
  // 3: Ed25519 root, Ed448 intermediate, and an Ed25519 intermediate named like its issuer.
  ca.cert({
    name: 'ed-root',
    subject: '/CN=Ed Root',
    key: 'k-ed25519',
    notBefore: at(-30),
    notAfter: at(3000),
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'ed-int',
    subject: '/CN=Ed448 Int',
    key: 'k-ed448',
    issuer: { cert: 'ed-root', key: 'k-ed25519' },
    ...span,
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'ed-leaf',
    subject: '/CN=ed-leaf',
    key: 'k-leaf',
    issuer: { cert: 'ed-int', key: 'k-ed448' },
    ...span,
    extensions: leafExtensions(),
  });
  ca.cert({
    name: 'ed-same-name',
    subject: '/CN=Ed Root',
    key: 'k-ed448',
    issuer: { cert: 'ed-root', key: 'k-ed25519' },
    ...span,
    extensions: caExtensions({ withoutKeyIds: true }),
  });
  // 4: a leaf whose notAfter is the instant itself.
  ca.cert({
    name: 'at-end',
    subject: '/CN=at-end',
    key: 'k-leaf',
    issuer: root,
    notBefore: at(-30),
    notAfter: NOW,
    extensions: leafExtensions(),
  });
  // 6: an old root and an unrelated new root in one bundle; an old root and its same-name successor.
  ca.cert({
    name: 'old-a',
    subject: '/CN=A Root',
    key: 'k-int',
    notBefore: at(-3000),
    notAfter: at(30),
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'new-b',
    subject: '/CN=B Root',
    key: 'k-int2',
    notBefore: at(-10),
    notAfter: at(3000),
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'new-a',
    subject: '/CN=A Root',
    key: 'k-int2',
    notBefore: at(-10),
    notAfter: at(3000),
    extensions: caExtensions(),
  });
  // 7: a valid leaf under an expired intermediate.
  ca.cert({
    name: 'int-expired',
    subject: '/CN=Int Expired',
    key: 'k-int',
    issuer: root,
    notBefore: at(-300),
    notAfter: at(-1),
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'leaf-late',
    subject: '/CN=leaf-late',
    key: 'k-leaf',
    issuer: { cert: 'int-expired', key: 'k-int' },
    notBefore: at(-30),
    notAfter: at(60),
    extensions: leafExtensions(),
  });
  // 8: two leaves of a replaced issuer (one with an AKI, one without) and the same-name replacement.
  ca.cert({
    name: 'issuer-old',
    subject: '/CN=Issuer',
    key: 'k-int',
    issuer: root,
    ...span,
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'issuer-new',
    subject: '/CN=Issuer',
    key: 'k-other',
    issuer: root,
    ...span,
    extensions: caExtensions(),
  });
  ca.cert({
    name: 'with-aki',
    subject: '/CN=with-aki',
    key: 'k-leaf',
    issuer: { cert: 'issuer-old', key: 'k-int' },
    ...span,
    extensions: leafExtensions(),
  });
  ca.cert({
    name: 'without-aki',
    subject: '/CN=without-aki',
    key: 'k-leaf',
    issuer: { cert: 'issuer-old', key: 'k-int' },
    ...span,
    extensions: leafExtensions({ withoutKeyIds: true }),
  });
  await ca.run();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inspect verdicts as RFC 5280 and openssl judge them (real process)', () => {
  it('1: does not chain to a CA renamed with the same key (openssl: error 20)', async () => {
    expect(await opensslVerify('leaf-of-root', ['renamed'])).toMatch(/error 20 /);
    const { cluster, code } = await inspect(path('renamed'), path('leaf-of-root'));
    expect(bySubject(cluster, 'leaf-of-root').issuerFingerprint).toBeUndefined();
    expect(rulesOf(cluster, 'leaf-of-root')).toContain('chain_broken:critical');
    expect(cluster.findings.find((f) => f.rule === 'chain_broken')?.message).toContain(
      "now named 'CN=Renamed Root'",
    );
    expect(code).toBe(1);
  });

  it('2: reports a CA:FALSE signer (openssl: error 79) and an exceeded pathLen (openssl: error 25)', async () => {
    expect(await opensslVerify('leaf-of-not-ca', ['root'], ['not-ca'])).toMatch(/error 79 /);
    expect(await opensslVerify('leaf-deep', ['root-pl0'], ['int1', 'int2'])).toMatch(/error 25 /);
    const notCa = await inspect(path('root'), path('not-ca'), path('leaf-of-not-ca'));
    expect(rulesOf(notCa.cluster, 'leaf-of-not-ca')).toEqual(['chain_invalid:critical']);
    expect(notCa.cluster.findings.find((f) => f.rule === 'chain_invalid')?.message).toContain('CA:FALSE');
    const deep = await inspect(path('root-pl0'), path('int1'), path('int2'), path('leaf-deep'));
    expect(rulesOf(deep.cluster, 'leaf-deep')).toEqual(['chain_invalid:critical']);
    expect(rulesOf(deep.cluster, 'Int Two')).toEqual(['chain_invalid:critical']);
    expect(rulesOf(deep.cluster, 'Int One')).toEqual([]);
    expect(deep.cluster.findings.find((f) => f.rule === 'chain_invalid')?.message).toContain('pathLen is 0');
    expect(deep.code).toBe(1);
  });

  it('3: verifies Ed25519 and Ed448 links; an Ed intermediate named like its issuer is no root', async () => {
    expect(await opensslVerify('ed-leaf', ['ed-root'], ['ed-int'])).toMatch(/: OK/);
    const { cluster, code } = await inspect(
      path('ed-int'),
      path('ed-leaf'),
      path('ed-same-name'),
      '--trust-bundle',
      path('ed-root'),
    );
    const root = cluster.certificates.find((c) => c.subject === 'CN=Ed Root' && c.level === 'root')!;
    expect(bySubject(cluster, 'ed-leaf').chainId).toBe(root.fingerprint);
    expect(bySubject(cluster, 'Ed448 Int').issuerFingerprint).toBe(root.fingerprint);
    const sameName = cluster.certificates
      .filter((c) => c.subject === 'CN=Ed Root')
      .map((c) => c.level)
      .sort();
    expect(sameName).toEqual(['intermediate', 'root']);
    expect(cluster.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('4: a certificate at exactly its notAfter is critical, not ok; one second later it is expired', async () => {
    const atEnd = await inspect(path('root'), path('at-end'));
    expect(bySubject(atEnd.cluster, 'at-end').severity).toBe('critical');
    expect(rulesOf(atEnd.cluster, 'at-end')).toEqual(['expiring_soon:critical']);
    const later = await runCli([
      'inspect',
      path('root'),
      path('at-end'),
      '--format',
      'json',
      '--now',
      '2026-06-01T00:00:01Z',
    ]);
    const cluster = (JSON.parse(later.stdout) as JsonReport).clusters[0]!;
    expect(rulesOf(cluster, 'at-end')).toEqual(['expired:critical']);
  });

  it('5: random bytes, an empty file, corrupt base64 and a mistyped name fail the gate', async () => {
    const random = join(dir, 'random.bin');
    writeFileSync(random, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256)));
    writeFileSync(join(dir, 'empty.pem'), '');
    writeFileSync(
      join(dir, 'corrupt.pem'),
      '-----BEGIN CERTIFICATE-----\nMIIB!!!not*base64\n-----END CERTIFICATE-----\n',
    );
    const inputs = [random, join(dir, 'empty.pem'), join(dir, 'corrupt.pem'), join(dir, 'mistyped.pem')];
    for (const input of inputs) {
      const alone = await runCli(['inspect', input, '--fail-on', 'warning', '--now', NOW.toISOString()]);
      expect([input, alone.code]).toEqual([input, 2]);
      expect(alone.stderr).toContain(input);
      const mixed = await inspect(path('root'), input);
      expect(mixed.cluster.status).toBe('partial');
      const finding = mixed.cluster.findings.find((f) => f.rule === 'unusable_input');
      expect(finding).toMatchObject({ severity: 'critical', source: { name: input } });
      expect(mixed.code).toBe(1);
    }
  });

  it('6: the superseded-anchor verdict does not depend on how the bundle is passed', async () => {
    const bundle = join(dir, 'bundle.pem');
    writeFileSync(bundle, ca.pem('old-a') + ca.pem('new-b'));
    const positional = await inspect(bundle);
    const flagged = await inspect(path('new-b'), '--trust-bundle', bundle);
    // An unrelated 30-day root is not "superseded" by another CA's root: it is critical either way.
    expect(rulesOf(positional.cluster, 'A Root')).toEqual(['expiring_soon:critical']);
    expect(rulesOf(flagged.cluster, 'A Root')).toEqual(['expiring_soon:critical']);
    const rotation = join(dir, 'rotation.pem');
    writeFileSync(rotation, ca.pem('old-a') + ca.pem('new-a'));
    for (const run of [await inspect(rotation), await inspect(path('new-a'), '--trust-bundle', rotation)]) {
      const old = run.cluster.certificates.find(
        (c) => c.subject === 'CN=A Root' && c.notAfter.startsWith('2026-07'),
      )!;
      expect(
        run.cluster.findings.filter((f) => f.fingerprint === old.fingerprint).map((f) => f.rule),
      ).toEqual(['superseded_anchor']);
    }
  });

  it('7: a leaf under an expired intermediate is critical (openssl: error 10)', async () => {
    expect(await opensslVerify('leaf-late', ['root'], ['int-expired'])).toMatch(/error 10 /);
    const { cluster } = await inspect(path('root'), path('int-expired'), path('leaf-late'));
    const leaf = bySubject(cluster, 'leaf-late');
    expect(leaf.daysLeft).toBeLessThan(0);
    expect(leaf.severity).toBe('critical');
    expect(rulesOf(cluster, 'leaf-late')).toContain('expired:critical');
  });

  it('8: chain_broken has one severity whether or not the leaf carries an AKI', async () => {
    const { cluster } = await inspect(
      path('root'),
      path('issuer-new'),
      path('with-aki'),
      path('without-aki'),
    );
    expect(rulesOf(cluster, 'with-aki')).toEqual(['chain_broken:critical']);
    expect(rulesOf(cluster, 'without-aki')).toEqual(['chain_broken:critical']);
  });

  it('9: /dev/zero, a FIFO that never ends and a 1 GB file end in bounded time with a clear error', async () => {
    const zero = await runCli(['inspect', '/dev/zero', '--now', NOW.toISOString()], 60_000);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('certwatch: cannot read /dev/zero: larger than 16777216 bytes');
    const big = join(dir, 'big.pem');
    writeFileSync(big, '');
    truncateSync(big, 1024 ** 3);
    const huge = await runCli(['inspect', big, '--now', NOW.toISOString()], 60_000);
    expect(huge.stderr).toContain(`certwatch: cannot read ${big}: larger than 16777216 bytes`);
    const fifo = join(dir, 'fifo');
    await new Promise((resolve) => execFile('mkfifo', [fifo], resolve));
    const writer = spawn('sh', ['-c', `exec 3>'${fifo}'; sleep 60`], { stdio: 'ignore' }); // holds it open, writes nothing
    try {
      const started = Date.now();
      const run = await runCli(
        ['inspect', fifo, path('root'), '--read-timeout', '1', '--now', NOW.toISOString()],
        60_000,
      );
      expect(run.stderr).toContain('no end of data after 1 s');
      expect(run.code).toBe(1);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      writer.kill();
    }
  }, 120_000);

  it('10: 120 same-name CAs without key ids cost a bounded number of checks and say so', async () => {
    const names = { notBefore: at(-1), notAfter: at(100) };
    const cas = [];
    for (let i = 0; i < 120; i++)
      cas.push(
        await mint({
          subject: 'CN=Crowded CA',
          isCA: true,
          omitKeyIdentifiers: true,
          serialNumber: i + 1,
          ...names,
        }),
      );
    const stranger = await mint({ subject: 'CN=Crowded CA', isCA: true, omitKeyIdentifiers: true, ...names });
    const leaf = await mint({
      subject: 'CN=crowded-leaf',
      issuer: stranger,
      omitKeyIdentifiers: true,
      ...names,
    });
    const file = join(dir, 'crowded.pem');
    writeFileSync(file, cas.map((c) => c.pem).join('') + leaf.pem);
    const { cluster } = await inspect(file);
    expect(rulesOf(cluster, 'crowded-leaf')).toEqual(['too_many_candidate_issuers:warning']);
  }, 120_000);

  it('11: a SAN URI with terminal escapes is printed escaped, never raw', async () => {
    const root = await mint({ subject: 'CN=Escape Root', isCA: true, notBefore: at(-1), notAfter: at(400) });
    const leaf = await mint({
      subject: '',
      issuer: root,
      uris: ['spiffe://evil/\u001b[2J\u001b]0;pwned\u0007'],
      notBefore: at(-1),
      notAfter: at(1),
    });
    const file = join(dir, 'escape.pem');
    writeFileSync(file, root.pem + leaf.pem);
    const run = await runCli(['inspect', file, '--now', NOW.toISOString()]);
    expect(run.stdout).toContain('spiffe://evil/\\x1b[2J');
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('minor: a --now offset beyond ±23:59 and an unparseable --trust-bundle are usage errors', async () => {
    const offset = await runCli(['inspect', path('root'), '--now', '2026-06-01T00:00:00+25:00']);
    expect(offset.code).toBe(2);
    expect(offset.stderr).toContain("invalid --now '2026-06-01T00:00:00+25:00'");
    writeFileSync(join(dir, 'garbage.pem'), 'not a bundle\n');
    const bundle = await runCli(['inspect', path('root'), '--trust-bundle', join(dir, 'garbage.pem')]);
    expect(bundle.code).toBe(2);
    expect(bundle.stderr).toContain('invalid --trust-bundle');
  });
});
