/**
 * `npm run bench` (second part): how fast the CLI starts, against a bare `node -e 0` on the same
 * Node, alternating runs so all three see the same machine load. Times `certwatch --help` and
 * `certwatch inspect` of one PEM (a minted root), as the installed `bin` runs them.
 * Runs: BENCH_START_RUNS (default 15); the median is reported (a start is short: the best run
 * would flatter whichever command caught a quiet moment).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mint } from '../test/support/mint';
import { BENCH_NOW } from './mint-sets';

const RUNS = Number(process.env.BENCH_START_RUNS ?? 15);
const BIN = join(__dirname, '..', 'bin', 'certwatch.js');

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** Exit codes that mean the command ran as intended. */
  readonly ok: readonly number[];
}

function timeOnce(c: Case): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, c.args, { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status === null || !c.ok.includes(run.status)) {
    throw new Error(`${c.name}: exit ${run.status}\n${run.stderr}`);
  }
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'certwatch-bench-'));
  try {
    const root = await mint({
      subject: 'CN=Bench Root,O=certwatch',
      isCA: true,
      notBefore: new Date(BENCH_NOW.getTime() - 86_400_000),
      notAfter: new Date(BENCH_NOW.getTime() + 3650 * 86_400_000),
    });
    const pem = join(dir, 'root.pem');
    writeFileSync(pem, root.pem);
    const cases: Case[] = [
      { name: 'node -e 0', args: ['-e', '0'], ok: [0] },
      { name: 'certwatch --help', args: [BIN, '--help'], ok: [0] },
      {
        name: 'certwatch inspect (1 PEM)',
        args: [BIN, 'inspect', pem, '--now', BENCH_NOW.toISOString()],
        ok: [0, 1],
      },
    ];
    const times = cases.map(() => [] as number[]);
    for (const c of cases) timeOnce(c); // warm the file cache for every case alike
    for (let i = 0; i < RUNS; i++) {
      cases.forEach((c, j) => {
        times[j]!.push(timeOnce(c));
      });
    }
    const base = median(times[0]!);
    console.log(`CLI start — Node ${process.version}, median of ${RUNS} runs each, alternating`);
    cases.forEach((c, j) => {
      const ms = median(times[j]!);
      const ratio = j === 0 ? '' : `  ${(ms / base).toFixed(2)}× node -e 0`;
      console.log(`${c.name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms${ratio}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
