/**
 * `promtool check metrics` (Debian's prometheus package) on what `certwatch scan --format
 * prometheus` prints for the three demo clusters, and the exposition says what the JSON report says.
 */
import type { JsonReport } from '#domain/report';
import { type Simulator, startSimulator } from '#simulator';
import { demoClusters } from '#simulator/scenarios';
import { parseExposition, samplesOf } from '#support/exposition';
import { runTool } from '#support/external-tool';
import { requireTool } from '#support/tool-on-path';
import { kubeconfigFor, removeDir, runCli, scanArgs, stopAll } from '../scan/run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
let sims: Simulator[] = [];
let dir = '';
let exposition = '';
let report: JsonReport;

beforeAll(async () => {
  sims = await Promise.all((await demoClusters(NOW)).map((b) => startSimulator({ scenario: b.scenario })));
  const kube = await kubeconfigFor(sims.map((s) => s.context('admin')));
  dir = kube.dir;
  const contexts = sims.map((s) => s.name);
  const [prom, json] = await Promise.all([
    runCli(scanArgs(kube.path, { contexts, now: NOW, format: 'prometheus' })),
    runCli(scanArgs(kube.path, { contexts, now: NOW, format: 'json' })),
  ]);
  exposition = prom.stdout;
  report = JSON.parse(json.stdout) as JsonReport;
}, 120_000);

afterAll(async () => {
  await stopAll(sims);
  if (dir) await removeDir(dir);
});

it('passes promtool check metrics with no lint problem', async () => {
  const run = await runTool(requireTool('promtool', 'prometheus'), ['check', 'metrics'], {
    input: exposition,
  });
  expect(run.stdout + run.stderr).toBe('');
  expect(run.code).toBe(0);
});

it('promtool does reject a non-base unit (the check can fail)', async () => {
  const bad = '# HELP x_days_left d\n# TYPE x_days_left gauge\nx_days_left 1\n';
  const run = await runTool(requireTool('promtool', 'prometheus'), ['check', 'metrics'], { input: bad });
  expect(run.code).not.toBe(0);
  expect(run.stdout + run.stderr).toContain('base unit');
});

it('has one expiry series per certificate and place of the JSON report', () => {
  const series = samplesOf(parseExposition(exposition), 'certwatch_certificate_expiry_timestamp_seconds');
  const expected = report.clusters.flatMap((c) =>
    c.certificates.flatMap((cert) =>
      cert.sources.map((s) => `${c.name} ${cert.fingerprint} ${s.kind} ${s.namespace}/${s.name}:${s.key}`),
    ),
  );
  const got = series.map(
    (s) =>
      `${s.labels['cluster']} ${s.labels['fingerprint']} ${s.labels['source_kind']} ${s.labels['source_namespace']}/${s.labels['source_name']}:${s.labels['source_key']}`,
  );
  expect(got.sort()).toEqual(expected.sort());
  expect(expected.length).toBeGreaterThan(report.clusters.length);
});

it('reports each cluster scanned, its duration, its last success and its blind spots by source', () => {
  const samples = parseExposition(exposition);
  for (const cluster of sims.map((s) => s.name)) {
    const of = (name: string) => samplesOf(samples, name).filter((s) => s.labels['cluster'] === cluster);
    expect(of('certwatch_scan_success').map((s) => s.value)).toEqual([1]);
    expect(of('certwatch_scan_duration_seconds')[0]!.value).toBeGreaterThan(0);
    expect(of('certwatch_scan_last_success_timestamp_seconds').map((s) => s.value)).toEqual([
      NOW.getTime() / 1000,
    ]);
    expect(of('certwatch_blind_spots').map((s) => s.labels['source'])).toEqual(
      expect.arrayContaining(['istio', 'linkerd', 'consul', 'cert-manager', 'spire']),
    );
  }
  const build = samplesOf(samples, 'certwatch_build_info');
  expect(build).toHaveLength(1);
  expect(build[0]!.labels['version']).toMatch(/^\d+\.\d+\.\d+/);
});
