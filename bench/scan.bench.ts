/**
 * `npm run bench:scan`: one CLI scan of a large simulated cluster, default and --all-tls-secrets:
 * wall time, peak RSS of the certwatch process (/usr/bin/time) and API calls (the simulator's
 * request log). One line per case. Sizes: BENCH_NAMESPACES (5000), BENCH_SECRETS (20000),
 * BENCH_CERTIFICATES (2000), BENCH_DISTINCT (200 distinct leaf certificates shared by the Secrets).
 * Stable entry point: `npm run bench` runs it through bench/scale-scan.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SimObject, startSimulator } from '../test/simulator';
import { mint } from '../test/support/mint';

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const NAMESPACES = size('BENCH_NAMESPACES', 5000);
const SECRETS = size('BENCH_SECRETS', 20_000);
const CERTIFICATES = size('BENCH_CERTIFICATES', 2000);
const DISTINCT = size('BENCH_DISTINCT', 200);
const NOW = new Date('2026-05-01T00:00:00Z');
const DAY = 86_400_000;
const ROOT = join(__dirname, '..');
const b64 = (text: string) => Buffer.from(text).toString('base64');

async function objects(): Promise<SimObject[]> {
  const validity = (from: number, to: number) => ({
    notBefore: new Date(NOW.getTime() + from * DAY),
    notAfter: new Date(NOW.getTime() + to * DAY),
  });
  const ca = await mint({ subject: 'CN=bench-ca', isCA: true, ...validity(-10, 3000) });
  const leaves = await Promise.all(
    Array.from({ length: DISTINCT }, async (_, i) => {
      const span = validity(-5, 60 + (i % 30));
      const dnsNames = [`svc-${i}.bench`];
      return { ...(await mint({ subject: `CN=svc-${i}.bench`, issuer: ca, dnsNames, ...span })), ...span };
    }),
  );
  const ns = (i: number) => `ns-${i % NAMESPACES}`;
  const out: SimObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cert-manager' } },
    ...Array.from({ length: NAMESPACES }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns-${i}` },
    })),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: { name: 'bench-ca', namespace: 'cert-manager' },
      data: { 'tls.crt': b64(ca.pem), 'tls.key': b64(ca.keyPem), 'ca.crt': b64(ca.pem) },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'bench-ca' },
      spec: { ca: { secretName: 'bench-ca' } },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    },
  ];
  for (let i = 0; i < SECRETS; i++) {
    const leaf = leaves[i % DISTINCT]!;
    out.push({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: { name: `tls-${i}`, namespace: ns(i) },
      data: { 'tls.crt': b64(leaf.pem), 'tls.key': b64(leaf.keyPem), 'ca.crt': b64(ca.pem) },
    });
    if (i >= CERTIFICATES) continue;
    out.push({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: `cert-${i}`, namespace: ns(i) },
      spec: { secretName: `tls-${i}`, issuerRef: { name: 'bench-ca', kind: 'ClusterIssuer' } },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        notBefore: leaf.notBefore.toISOString(),
        notAfter: leaf.notAfter.toISOString(),
        renewalTime: new Date(leaf.notAfter.getTime() - 20 * DAY).toISOString(),
      },
    });
  }
  return out;
}

/** Runs the CLI under /usr/bin/time; resolves with wall ms, peak RSS in MB and the exit code. */
function timedScan(args: string[]): Promise<{ ms: number; rssMb: number; code: number; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/time',
      ['-f', 'certwatch-bench-rss-kb %M', process.execPath, join(ROOT, 'bin', 'certwatch.js'), ...args],
      { cwd: ROOT, maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, _stdout, stderr) => {
        const kb = Number(/certwatch-bench-rss-kb (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ ms: performance.now() - started, rssMb: kb / 1024, code, stderr });
      },
    );
  });
}

async function main(): Promise<void> {
  const sim = await startSimulator({ objects: await objects(), crds: ['cert-manager.io'] });
  const dir = await mkdtemp(join(tmpdir(), 'certwatch-bench-'));
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    await sim.writeKubeconfig(kubeconfig);
    const shape = `${NAMESPACES} namespaces, ${SECRETS} Secrets, ${CERTIFICATES} Certificates`;
    for (const [name, extra] of [
      ['default', []],
      ['--all-tls-secrets', ['--all-tls-secrets']],
    ] as const) {
      sim.requests.length = 0;
      const args = ['scan', '--kubeconfig', kubeconfig, '--format', 'json', '--now', NOW.toISOString()];
      const run = await timedScan([...args, '--timeout', '900', ...extra]);
      if (run.code > 1) throw new Error(`scan ${name} exited ${run.code}: ${run.stderr.slice(-2000)}`);
      const calls = sim.requests.length;
      // #15: the default scan under 150 MB; #13: --all-tls-secrets under 200 calls and 250 MB.
      const target =
        name === 'default'
          ? ` (target < 150 MB: ${run.rssMb < 150 ? 'met' : 'NOT met'})`
          : ` (target < 200 calls and < 250 MB: ${calls < 200 && run.rssMb < 250 ? 'met' : 'NOT met'})`;
      console.log(
        `scan ${name}: ${(run.ms / 1000).toFixed(1)} s wall, ${run.rssMb.toFixed(0)} MB peak RSS, ${calls} API calls (${shape})${target}`,
      );
    }
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
