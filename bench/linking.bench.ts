/**
 * `npm run bench` (linking part): the worst input for issuer linking is many CAs sharing one name
 * with no key ids, so name is the only index and every same-name CA is a candidate issuer. Two
 * cases, each run through the installed CLI (`certwatch inspect` of one PEM bundle) with its peak
 * RSS read from the child itself:
 *   (c) 1,000 leaves under 10 same-name CAs (target: under 2 s);
 *   (d) 1,000 leaves under 1,000 same-name CAs (target: under 15 s and 300 MB): the signature-check
 *       budget per certificate bounds the work and a finding names what was left unchecked.
 * Sizes: BENCH_LINK_LEAVES (default 1000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type MintedCert, mint } from '../test/support/mint';
import { BENCH_NOW } from './mint-sets';

const LEAVES = Number(process.env.BENCH_LINK_LEAVES ?? 1000);
const BIN = join(__dirname, '..', 'bin', 'certwatch.js');
const USAGE = join(__dirname, '..', 'test', 'support', 'report-resource-usage.js');
const DAY = 86_400_000;
const at = (days: number) => new Date(BENCH_NOW.getTime() + days * DAY);

interface Case {
  readonly name: string;
  readonly cas: number;
  readonly targetMs: number;
  readonly targetMiB?: number;
}

/** `cas` self-signed CAs all named `CN=Shared CA`, and `LEAVES` leaves spread over them; no key ids. */
async function mintSameName(cas: number): Promise<MintedCert[]> {
  const issuers: MintedCert[] = [];
  for (let i = 0; i < cas; i++) {
    issuers.push(
      await mint({
        subject: 'CN=Shared CA,O=certwatch',
        isCA: true,
        serialNumber: i + 1,
        notBefore: at(-100),
        notAfter: at(3000 + i),
        omitKeyIdentifiers: true,
      }),
    );
  }
  const leaves: MintedCert[] = [];
  for (let i = 0; i < LEAVES; i++) {
    leaves.push(
      await mint({
        ...(leaves[0] ? { reuseKeyOf: leaves[0] } : {}),
        subject: `CN=workload-${i},O=certwatch`,
        issuer: issuers[i % cas]!,
        serialNumber: 10_000 + i,
        notBefore: at(-1),
        notAfter: at(30),
        omitKeyIdentifiers: true,
      }),
    );
  }
  return [...issuers, ...leaves];
}

interface Measured {
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly certificates: number;
  readonly linked: number;
  readonly budgetFindings: number;
}

function runInspect(file: string): Measured {
  const start = performance.now();
  const run = spawnSync(
    process.execPath,
    [BIN, 'inspect', file, '--format', 'json', '--now', BENCH_NOW.toISOString()],
    {
      encoding: 'utf8',
      maxBuffer: 512 << 20,
      env: { ...process.env, NODE_OPTIONS: `--require ${USAGE}` },
    },
  );
  const ms = performance.now() - start;
  const usage = /certwatch-test-usage (\{.*\})/.exec(run.stderr ?? '');
  if (run.status === null || run.status > 1 || !usage) {
    throw new Error(`inspect exited ${run.status}: ${run.stderr}`);
  }
  const report = JSON.parse(run.stdout) as {
    clusters: {
      certificates: { fingerprint: string; issuerFingerprint?: string }[];
      findings: { rule: string; fingerprint?: string }[];
    }[];
  };
  const certs = report.clusters.flatMap((c) => c.certificates);
  const budget = report.clusters
    .flatMap((c) => c.findings)
    .filter((f) => f.rule === 'too_many_candidate_issuers');
  return {
    ms,
    maxRssMiB: (JSON.parse(usage[1]!) as { maxRssKiB: number }).maxRssKiB / 1024,
    certificates: certs.length,
    linked: certs.filter((c) => c.issuerFingerprint && c.issuerFingerprint !== c.fingerprint).length,
    budgetFindings: new Set(budget.map((f) => f.fingerprint)).size,
  };
}

async function main(): Promise<void> {
  const cases: Case[] = [
    { name: `(c) ${LEAVES} leaves under 10 same-name CAs, no key ids`, cas: 10, targetMs: 2_000 },
    {
      name: `(d) ${LEAVES} leaves under ${LEAVES} same-name CAs, no key ids`,
      cas: LEAVES,
      targetMs: 15_000,
      targetMiB: 300,
    },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'certwatch-bench-link-'));
  try {
    console.log(`certwatch linking bench — Node ${process.version}; minting…`);
    for (const c of cases) {
      const certs = await mintSameName(c.cas);
      const file = join(dir, `case-${c.cas}.pem`);
      writeFileSync(file, certs.map((cert) => cert.pem).join(''));
      const m = runInspect(file);
      if (m.certificates !== certs.length) {
        throw new Error(`${c.name}: ${certs.length} certificates in, ${m.certificates} in the report`);
      }
      const within =
        m.ms < c.targetMs && (c.targetMiB === undefined || m.maxRssMiB < c.targetMiB) ? 'within' : 'OVER';
      const target = `${c.targetMs / 1000} s${c.targetMiB ? `, ${c.targetMiB} MB` : ''}`;
      console.log(
        `${c.name}: ${(m.ms / 1000).toFixed(2)} s, peak RSS ${m.maxRssMiB.toFixed(0)} MiB ` +
          `(${within} target ${target}); ${m.linked}/${m.certificates} linked to an issuer, ` +
          `${m.budgetFindings} with too_many_candidate_issuers`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
