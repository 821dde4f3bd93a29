/**
 * WatchCluster against fake sources: rounds refresh the exposition; a round that cannot reach the
 * cluster (every source rejects, or connecting fails) keeps the last good certificates with
 * certwatch_scan_success 0; history failures never stop a round; run() stops on its signal.
 */
import type { ClusterJob } from '#app/scan-cluster';
import { WatchCluster, type WatchClusterDeps } from '#app/watch-cluster';
import type { CertificateSource, CollectResult } from '#ports/certificate-source';
import { parseExposition, samplesOf } from '#support/exposition';
import { mint } from '#support/mint';

const T0 = new Date('2026-05-01T00:00:00Z');
let now = T0;
const clock = { now: () => now };
const build = { version: '1.2.3', nodeVersion: 'v22.0.0' };

class Fixed implements CertificateSource {
  readonly name = 'istio';
  constructor(private readonly result: () => CollectResult) {}
  async collect(): Promise<CollectResult> {
    return this.result();
  }
}

let reachable = true;
let root: CollectResult;

beforeAll(async () => {
  const cert = await mint({
    subject: 'CN=root',
    isCA: true,
    notBefore: new Date(T0.getTime() - 86_400_000),
    notAfter: new Date(T0.getTime() + 3000 * 86_400_000),
  });
  root = {
    materials: [
      {
        source: { kind: 'ConfigMap', namespace: 'istio-system', name: 'roots', key: 'ca.crt' },
        data: cert.pem,
      },
    ],
    signals: [],
    failures: [],
  };
});

beforeEach(() => {
  now = T0;
  reachable = true;
});

function job(): ClusterJob {
  const source = new Fixed(() => {
    if (!reachable) throw Object.assign(new Error('connect ECONNREFUSED'), { reason: 'unreachable' });
    return root;
  });
  return { deps: { sources: [source], clock }, input: { cluster: 'prod', timeoutMs: 5_000 } };
}

function watch(overrides: Partial<WatchClusterDeps> = {}) {
  const lines: string[] = [];
  const w = new WatchCluster({
    connect: async () => job(),
    cluster: 'prod',
    clock,
    build,
    log: (line) => lines.push(line),
    ...overrides,
  });
  return { w, lines };
}

const sample = (text: string | undefined, name: string) => samplesOf(parseExposition(text ?? ''), name);

it('is not ready and serves nothing before the first round', () => {
  const { w } = watch();
  expect(w.ready()).toBe(false);
  expect(w.metrics()).toBeUndefined();
});

it('serves the certificates and a successful scan after a round', async () => {
  const { w, lines } = watch();
  await w.runOnce();
  expect(w.ready()).toBe(true);
  const text = w.metrics();
  expect(sample(text, 'certwatch_certificate_expiry_timestamp_seconds')).toHaveLength(1);
  expect(sample(text, 'certwatch_scan_success')[0]?.value).toBe(1);
  expect(sample(text, 'certwatch_scan_last_success_timestamp_seconds')[0]?.value).toBe(T0.getTime() / 1000);
  expect(sample(text, 'certwatch_build_info')[0]?.labels['version']).toBe('1.2.3');
  expect(lines[0]).toMatch(/^certwatch serve: prod: ok, 1 certificate\(s\), \d+ finding\(s\)/);
});

it('keeps the last good certificates with scan_success 0 when the cluster becomes unreachable', async () => {
  const { w, lines } = watch();
  await w.runOnce();
  const good = sample(w.metrics(), 'certwatch_certificate_expiry_timestamp_seconds');
  reachable = false;
  now = new Date(T0.getTime() + 60_000);
  await w.runOnce();
  const text = w.metrics();
  expect(sample(text, 'certwatch_certificate_expiry_timestamp_seconds')).toEqual(good);
  expect(sample(text, 'certwatch_scan_success')[0]?.value).toBe(0);
  expect(sample(text, 'certwatch_scan_last_success_timestamp_seconds')[0]?.value).toBe(T0.getTime() / 1000);
  expect(sample(text, 'certwatch_blind_spots').map((s) => [s.labels['source'], s.value])).toEqual([
    ['cluster', 1],
  ]);
  expect(lines[1]).toMatch(/prod: unreachable, .*serving the last good scan$/);
  reachable = true;
  now = new Date(T0.getTime() + 120_000);
  await w.runOnce();
  expect(sample(w.metrics(), 'certwatch_scan_success')[0]?.value).toBe(1);
  expect(sample(w.metrics(), 'certwatch_scan_last_success_timestamp_seconds')[0]?.value).toBe(
    now.getTime() / 1000,
  );
});

it('an unreachable first round is ready and says so (no certificates, scan_success 0, no last success)', async () => {
  reachable = false;
  const { w } = watch();
  await w.runOnce();
  expect(w.ready()).toBe(true);
  expect(sample(w.metrics(), 'certwatch_scan_success')[0]?.value).toBe(0);
  expect(sample(w.metrics(), 'certwatch_scan_last_success_timestamp_seconds')).toEqual([]);
});

it('a round whose connection cannot even be built counts as unreachable and names why', async () => {
  const { w, lines } = watch({
    connect: async () => {
      throw new Error('cannot read the service-account token file /sa/token (ENOENT)');
    },
  });
  await w.runOnce();
  expect(sample(w.metrics(), 'certwatch_scan_success')).toEqual([
    { name: 'certwatch_scan_success', labels: { cluster: 'prod' }, value: 0 },
  ]);
  expect(lines).toEqual([
    'certwatch serve: prod: scan could not start: cannot read the service-account token file /sa/token (ENOENT)',
  ]);
});

it('records each round, adds the history findings, and survives a failing history', async () => {
  const recorded: string[] = [];
  let fail = false;
  const { w, lines } = watch({
    record: async (scan) => {
      if (fail) throw new Error('ProvisionedThroughputExceededException');
      recorded.push(scan.cluster);
      return [{ rule: 'rotation_overdue', severity: 'warning', message: 'overdue' }] as never;
    },
  });
  await w.runOnce();
  expect(recorded).toEqual(['prod']);
  expect(
    sample(w.metrics(), 'certwatch_rule_findings').find((s) => s.labels['rule'] === 'rotation_overdue')
      ?.value,
  ).toBe(1);
  fail = true;
  await w.runOnce();
  expect(w.completedRounds()).toBe(2);
  expect(lines).toContain(
    'certwatch serve: prod: history not recorded: ProvisionedThroughputExceededException',
  );
});

it('run() repeats rounds until its signal aborts, then resolves', async () => {
  const { w } = watch();
  const stop = new AbortController();
  const running = w.run(10, stop.signal);
  while (w.completedRounds() < 3) await new Promise((r) => setTimeout(r, 5));
  stop.abort();
  await running;
  const after = w.completedRounds();
  await new Promise((r) => setTimeout(r, 50));
  expect(w.completedRounds()).toBe(after);
});
