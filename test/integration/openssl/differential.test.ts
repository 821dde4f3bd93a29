/**
 * openssl as the oracle: seeded random chains (test/support/random-chains) minted with the openssl
 * CLI; for every certificate, certwatch's link validity (a path to a trusted anchor that keeps
 * every RFC 5280 constraint, all valid at the instant) must equal `openssl verify -attime`, and its
 * dates must equal what openssl prints. When a valid chain has one path, the effective expiry must
 * be the earliest notAfter on openssl's chain. Sizes: DIFF_CHAINS (default 1000), DIFF_SEED.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChains } from '#domain/chain';
import type { CertificateFacts } from '#domain/model';
import { parseMaterial } from '#domain/parse';
import { OpensslMint } from '#support/openssl-ca';
import { KEY_POOL, type PlannedCert, planChains } from '#support/random-chains';

const CHAINS = Number(process.env.DIFF_CHAINS ?? 1000);
const SEED = Number(process.env.DIFF_SEED ?? 20261205);
const WORKERS = 2;
const NOW = new Date('2026-06-01T12:00:00Z'); // noon: no planned date (midnights) equals it

function sh(cwd: string, command: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile('sh', ['-c', command], { cwd, maxBuffer: 256 << 20 }, (_e, stdout, stderr) =>
      resolve({ stdout, stderr }),
    ),
  );
}

async function mintAll(root: string, plan: readonly PlannedCert[]): Promise<string[]> {
  const keys = new OpensslMint(join(root, 'keys'));
  for (const [stem, algorithm] of KEY_POOL) keys.key(stem, algorithm);
  await keys.run();
  const dirs = Array.from({ length: WORKERS }, (_, w) => join(root, `w${w}`));
  const mints = dirs.map((dir) => {
    const mint = new OpensslMint(dir);
    for (const [stem] of KEY_POOL)
      for (const ext of ['key', 'csr'])
        copyFileSync(join(root, 'keys', `${stem}.${ext}`), join(dir, `${stem}.${ext}`));
    return mint;
  });
  for (const cert of plan) mints[cert.chain % WORKERS]!.cert(cert);
  await Promise.all(mints.map((m) => m.run()));
  return dirs;
}

describe('openssl differential', () => {
  const root = mkdtempSync(join(tmpdir(), 'certwatch-diff-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`agrees with openssl verify -attime and openssl's dates on ${CHAINS} random chains (seed ${SEED})`, async () => {
    const plan = planChains(SEED, 0, CHAINS, NOW);
    const dirs = await mintAll(root, plan);
    const included = plan.filter((c) => c.included);
    const file = (c: PlannedCert) => join(dirs[c.chain % WORKERS]!, `${c.name}.pem`);
    const { readFileSync } = await import('node:fs');
    const pems = new Map(included.map((c) => [c.name, readFileSync(file(c), 'utf8')]));
    writeFileSync(
      join(root, 'trusted.pem'),
      included
        .filter((c) => c.trusted)
        .map((c) => pems.get(c.name))
        .join(''),
    );
    writeFileSync(
      join(root, 'untrusted.pem'),
      included
        .filter((c) => !c.trusted)
        .map((c) => pems.get(c.name))
        .join(''),
    );
    writeFileSync(join(root, 'all.pem'), included.map((c) => pems.get(c.name)).join(''));
    writeFileSync(join(root, 'targets.txt'), included.map(file).join('\n'));
    const attime = NOW.getTime() / 1000;
    const [verify, printed] = await Promise.all([
      sh(
        root,
        `xargs openssl verify -attime ${attime} -show_chain -CAfile trusted.pem -untrusted untrusted.pem < targets.txt`,
      ),
      sh(root, 'openssl crl2pkcs7 -nocrl -certfile all.pem | openssl pkcs7 -print_certs -text -noout'),
    ]);
    const ok = new Map<string, string[]>(); // file → subjects of openssl's chain
    let current: string[] | undefined;
    for (const line of verify.stdout.split('\n')) {
      const m = /^(.+\.pem): OK$/.exec(line);
      if (m) {
        current = [];
        ok.set(m[1]!, current);
      } else if (/^depth=\d+: /.test(line) && current)
        current.push(line.replace(/^depth=\d+: /, '').replace(/ \(untrusted\)$/, ''));
    }
    const failed = new Set(
      [...verify.stderr.matchAll(/^error (.+\.pem): verification failed$/gm)].map((m) => m[1]!),
    );
    expect(ok.size + failed.size).toBe(included.length);

    const facts = new Map<string, CertificateFacts>();
    for (const c of included) {
      const parsed = parseMaterial(pems.get(c.name)!);
      facts.set(c.name, parsed.certificates[0]!.facts);
    }
    const chains = await buildChains(
      included.map((c) => ({ facts: facts.get(c.name)!, trustBundle: c.trusted })),
      {
        now: NOW,
        trusted: new Set(included.filter((c) => c.trusted).map((c) => facts.get(c.name)!.fingerprint)),
      },
    );
    const disagreements: string[] = [];
    const notAfterBySubject = new Map(
      included.map((c) => [opensslSubject(c.subject), facts.get(c.name)!.notAfter]),
    );
    for (const c of included) {
      const link = chains.get(facts.get(c.name)!.fingerprint)!;
      const ours = link.trusted && link.anchored && link.allValid && !link.violation;
      const theirs = ok.has(file(c));
      if (ours !== theirs)
        disagreements.push(`${c.name}: certwatch ${ours}, openssl ${theirs} (${chainOf(c, plan)})`);
      const chain = ok.get(file(c));
      if (ours && theirs && chain && !c.crossSigned) {
        const earliest = Math.min(...chain.map((s) => notAfterBySubject.get(s)?.getTime() ?? Number.NaN));
        // NaN: a renamed CA that openssl prints in another spelling; its chain is checked above.
        if (!Number.isNaN(earliest) && earliest !== link.effectiveNotAfter.getTime())
          disagreements.push(
            `${c.name}: effective expiry ${link.effectiveNotAfter.toISOString()} vs openssl chain ${earliest}`,
          );
      }
    }
    const dates = [...printed.stdout.matchAll(/Not Before: (.+ GMT)\n\s+Not After : (.+ GMT)/g)];
    expect(dates).toHaveLength(included.length);
    included.forEach((c, i) => {
      const f = facts.get(c.name)!;
      const [, before, after] = dates[i]!;
      if (Date.parse(before!) !== f.notBefore.getTime() || Date.parse(after!) !== f.notAfter.getTime())
        disagreements.push(
          `${c.name}: dates ${f.notBefore.toISOString()}..${f.notAfter.toISOString()} vs openssl ${before}..${after}`,
        );
    });
    if (disagreements.length > 0)
      throw new Error(
        `seed ${SEED}, ${CHAINS} chains: ${disagreements.length} disagreements\n${disagreements.slice(0, 20).join('\n')}`,
      );
    process.stdout.write(
      `differential: seed ${SEED}, ${CHAINS} chains, ${included.length} certificates, ${ok.size} valid, ${failed.size} rejected: all agree\n`,
    );
  }, 1_800_000);
});

/** `/CN=c1 Int 1` → `CN = c1 Int 1`, as openssl prints subjects. */
function opensslSubject(subject: string): string {
  return subject
    .slice(1)
    .split('/')
    .map((rdn) => rdn.replace('=', ' = '))
    .join(', ');
}

function chainOf(cert: PlannedCert, plan: readonly PlannedCert[]): string {
  return plan
    .filter((c) => c.chain === cert.chain)
    .map(
      (c) =>
        `${c.name}${c.included ? '' : '(left out)'} ${c.subject} ${c.notBefore.toISOString().slice(0, 10)}..${c.notAfter.toISOString().slice(0, 10)} [${c.extensions.join('; ')}]`,
    )
    .join(' | ');
}
