/**
 * `npm run bench` (hostile scrapes): one CLI scan of a Linkerd cluster whose 8 sampled proxies (all
 * in flight at once) serve a hostile metrics body, per case: 200 MB of metric lines without the
 * wanted gauge, one 50 MB line, a body that never ends, and one that trickles a byte every 100 ms
 * forever. Prints wall time and peak RSS of the certwatch process next to the same cluster without
 * them, the scan budget, and the blind spots each case left. Default timeouts (budget 60 s,
 * 10 s per request); BENCH_HOSTILE_PODS changes the number of pods.
 */
import { join } from 'node:path';
import { DEFAULT_SCAN_BUDGET_MS } from '../lambda/app/scan-cluster';
import type { JsonReport } from '../lambda/domain/report';
import { clusterOf, kubeconfigFor, removeDir, runCli, scanArgs } from '../test/integration/scan/run-cli';
import { type ProxyRoute, type SimObject, type StreamShape, startSimulator } from '../test/simulator';
import { linkerdMidRotation } from '../test/simulator/scenarios';
import { namespace, pod } from '../test/simulator/scenarios/objects';

const NOW = new Date('2026-05-01T00:00:00Z');
const MB = 1024 * 1024;
const PODS = Number(process.env.BENCH_HOSTILE_PODS ?? 8);
const LINKERD_LABEL = { 'linkerd.io/control-plane-ns': 'linkerd' };
const NOISE_LINE = 'request_total{direction="inbound",authority="web.evil.svc:8080",tls="true"} 1234\n';

const CASES: readonly { name: string; stream?: StreamShape }[] = [
  { name: 'without hostile pods' },
  { name: '200 MB of metrics', stream: { chunk: NOISE_LINE.repeat(800), totalBytes: 200 * MB } },
  { name: 'one 50 MB line', stream: { chunk: 'x'.repeat(64 * 1024), totalBytes: 50 * MB } },
  { name: 'an endless body', stream: {} },
  { name: 'an endless slow body (1 byte / 100 ms)', stream: { chunk: 'x', intervalMs: 100 } },
];

function hostilePods(): { objects: SimObject[]; proxies: ProxyRoute[] } {
  const names = Array.from({ length: PODS }, (_, i) => `proxy-${i}`);
  return {
    objects: [namespace('evil'), ...names.map((name) => pod('evil', name, LINKERD_LABEL))],
    proxies: names.map((name) => ({
      kind: 'pod',
      namespace: 'evil',
      name,
      port: 4191,
      handler: () => 'identity_cert_expiration_timestamp_seconds 1800000000\n',
    })),
  };
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

async function main(): Promise<void> {
  const linkerd = await linkerdMidRotation(NOW);
  const evil = hostilePods();
  const sim = await startSimulator({
    scenario: {
      ...linkerd.scenario,
      name: 'hostile',
      objects: [...linkerd.scenario.objects, ...evil.objects],
      proxies: [...(linkerd.scenario.proxies ?? []), ...evil.proxies],
    },
  });
  const kube = await kubeconfigFor([sim.context('admin')]);
  const preload = join(__dirname, '..', 'test', 'support', 'report-resource-usage.js');
  const env = { NODE_OPTIONS: `--require ${preload}` };
  const budget = DEFAULT_SCAN_BUDGET_MS / 1000;
  console.log(`hostile scrapes: ${PODS} pods in flight, scan budget ${budget} s, request timeout default`);
  try {
    for (const c of CASES) {
      sim.faults.clear();
      const path = /\/namespaces\/evil\/pods\/[^/]+:4191\/proxy\//;
      if (c.stream) sim.faults.add({ path, connection: 'endless', stream: c.stream });
      const args = scanArgs(kube.path, { now: NOW }, '--pods-per-namespace', String(PODS));
      const run = await runCli(args, (budget + 60) * 1000, env);
      const usage = JSON.parse(/certwatch-test-usage (.*)/.exec(run.stderr)?.[1] ?? '{}') as {
        ms: number;
        maxRssKiB: number;
      };
      const cluster = clusterOf(JSON.parse(run.stdout) as JsonReport, 'hostile');
      const spots = cluster.findings.filter((f) => f.rule === 'blind_spot' && f.source?.namespace === 'evil');
      const clean =
        !CONTROL.test(run.stdout) && !CONTROL.test(run.stderr.replace(/certwatch-test-usage.*/, ''));
      console.log(
        `  ${c.name}: ${(usage.ms / 1000).toFixed(1)} s wall (${usage.ms < budget * 1000 ? 'within' : 'OVER'} the budget), ` +
          `${Math.round(usage.maxRssKiB / 1024)} MiB peak RSS, ${spots.length} blind spot(s) in evil, ` +
          `status ${cluster.status}${clean ? '' : ', CONTROL CHARACTERS in the output'}`,
      );
      if (spots[0]) console.log(`    e.g. ${spots[0].message.slice(0, 200)}`);
    }
  } finally {
    await sim.stop();
    await removeDir(kube.dir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
