/**
 * Hostile workloads through the real CLI, recording to the embedded store and notifying the
 * loopback Slack: ten meshed pods carrying a 1 MiB trust-anchors env value, a pod whose metrics
 * answer a 1 MB 503 full of escape sequences, one with a 64 MiB metrics line, one whose body never
 * ends and one that trickles forever. The scan finishes before its budget cuts anything, each
 * hostile pod a blind spot, every other certificate reported, no stored item over DynamoDB's
 * 400 KB and no control character in any output. Time and memory are measured by
 * bench/hostile-scrape.bench.ts (`npm run bench`), not here.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { LocalHistoryStore } from '#adapters/local-store';
import type { JsonReport } from '#domain/report';
import { type ProxyRoute, type SimObject, type Simulator, startSimulator } from '#simulator';
import { linkerdMidRotation } from '#simulator/scenarios';
import { namespace, pod } from '#simulator/scenarios/objects';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';
import {
  clusterOf,
  fingerprintOf,
  kubeconfigFor,
  recordingArgs,
  removeDir,
  runCli,
  scanArgs,
} from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
const MIB = 1024 * 1024;
const BUDGET_SECONDS = 60;
const LINKERD_LABEL = { 'linkerd.io/control-plane-ns': 'linkerd' };
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/; // newline and tab are layout in text output
const ESCAPES = '\u001b[2J\u001b]0;pwned\u0007\r';

let sim: Simulator;
let slack: SlackApi;
let kube: { dir: string; path: string };
let stateDir = '';
let expected: string[] = [];
let run: { code: number; stdout: string; stderr: string };
let table: { code: number; stdout: string; stderr: string };
const HOSTILE = ['evil-error', 'evil-big', 'evil-endless', 'evil-slow'];

function hostileObjects(): SimObject[] {
  const anchors = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(MIB)}`; // 1 MiB, never terminated
  const envPods = Array.from({ length: 10 }, (_, i) =>
    pod('evil-env', `replica-${i}`, LINKERD_LABEL, [
      { name: 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', value: anchors },
    ]),
  );
  const others = HOSTILE.map((ns) => pod(ns, 'proxy', LINKERD_LABEL));
  return [...['evil-env', ...HOSTILE].map(namespace), ...envPods, ...others];
}

function hostileRoutes(): ProxyRoute[] {
  const errorBody = JSON.stringify({ message: `${ESCAPES}${'e'.repeat(MIB)}` });
  const bigBody = `# ${ESCAPES}\n${'m'.repeat(64 * MIB)}`;
  const route = (ns: string, handler: ProxyRoute['handler']): ProxyRoute => ({
    kind: 'pod',
    namespace: ns,
    name: 'proxy',
    port: 4191,
    handler,
  });
  const gauge = 'identity_cert_expiration_timestamp_seconds 1800000000\n';
  const envRoutes = Array.from({ length: 10 }, (_, i) => ({
    ...route('evil-env', () => gauge),
    name: `replica-${i}`,
  }));
  return [
    ...envRoutes,
    route('evil-error', () => ({ status: 503, body: errorBody, contentType: 'application/json' })),
    route('evil-big', () => bigBody),
    route('evil-endless', () => 'unused: the fault streams instead'),
    route('evil-slow', () => 'unused: the fault streams instead'),
  ];
}

beforeAll(async () => {
  const linkerd = await linkerdMidRotation(NOW);
  expected = Object.values(linkerd.certs).map((c) => fingerprintOf(c.der));
  sim = await startSimulator({
    scenario: {
      ...linkerd.scenario,
      name: 'hostile',
      objects: [...linkerd.scenario.objects, ...hostileObjects()],
      proxies: [...(linkerd.scenario.proxies ?? []), ...hostileRoutes()],
    },
    faults: [
      { path: /\/namespaces\/evil-endless\/pods\/proxy:4191\/proxy\//, connection: 'endless' },
      {
        path: /\/namespaces\/evil-slow\/pods\/proxy:4191\/proxy\//,
        connection: 'endless',
        stream: { chunk: 'x', intervalMs: 100 },
      },
    ],
  });
  slack = await startSlackApi();
  kube = await kubeconfigFor([sim.context('admin')]);
  stateDir = await mkdtemp(join(tmpdir(), 'certwatch-hostile-'));
  const env = { SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url };
  const flags = ['--timeout', String(BUDGET_SECONDS), '--request-timeout', '5'];
  const hostile = scanArgs(kube.path, { now: NOW, contexts: ['hostile'] });
  run = await runCli([...hostile, ...flags, ...recordingArgs(stateDir, 'C0')], 120_000, env);
  table = await runCli([
    ...scanArgs(kube.path, { now: NOW, contexts: ['hostile'], format: 'table' }),
    ...flags,
  ]);
}, 240_000);

afterAll(async () => {
  await sim?.stop();
  await slack?.stop();
  if (kube) await removeDir(kube.dir);
  if (stateDir) await removeDir(stateDir);
});

/** Every string inside `value`, walked. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

it('finishes before the budget cuts anything, each hostile pod a blind spot, every Linkerd certificate reported', () => {
  expect([0, 1]).toContain(run.code);
  const report = JSON.parse(run.stdout) as JsonReport;
  const cluster = clusterOf(report, 'hostile');
  const seen = new Set(cluster.certificates.map((c) => c.fingerprint));
  for (const fp of expected) expect(seen.has(fp)).toBe(true);
  const spots = cluster.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots.map((f) => f.source?.namespace).sort()).toEqual([...HOSTILE].sort());
  expect(spots.filter((f) => /scan budget|deadline/.test(f.message))).toEqual([]); // none was cut by the budget
  const slow = spots.find((f) => f.source?.namespace === 'evil-slow');
  expect(slow?.message).toContain('body not finished within 5000 ms');
  const big = spots.find((f) => f.source?.namespace === 'evil-big');
  expect(big?.message).toContain('only its start was read');
  const stale = cluster.findings.find((f) => f.rule === 'linkerd_proxy_anchors_stale');
  expect(stale?.message).toContain('evil-env/replica-0');
});

it('cuts the hostile error text: no finding message over 2,000 characters', () => {
  const report = JSON.parse(run.stdout) as JsonReport;
  const findings = clusterOf(report, 'hostile').findings;
  expect(Math.max(...findings.map((f) => f.message.length))).toBeLessThanOrEqual(2000);
  const error = findings.find((f) => f.source?.namespace === 'evil-error');
  expect(error?.message).toContain('HTTP 503');
  expect(error?.message).toContain('after 5 attempts');
});

it('has no control character in the JSON, the table, stderr or Slack', () => {
  expect(strings(JSON.parse(run.stdout)).filter((s) => CONTROL.test(s))).toEqual([]);
  expect(table.stdout).not.toMatch(CONTROL);
  expect(table.stderr).not.toMatch(CONTROL);
  expect(run.stderr).not.toMatch(CONTROL);
  expect(slack.messages.length).toBeGreaterThan(0);
  expect(strings(slack.messages).filter((s) => CONTROL.test(s))).toEqual([]);
});

it('stores no item over 400 KB', async () => {
  const store = await LocalHistoryStore.open({ stateDir });
  try {
    const out = await store.localClient.send(new ScanCommand({ TableName: 'certwatch-history' }));
    const sizes = (out.Items ?? []).map((item) => Buffer.byteLength(JSON.stringify(item)));
    expect(sizes.length).toBeGreaterThan(0);
    const largest = Math.max(...sizes);
    process.stderr.write(`hostile pods: ${sizes.length} items, largest ${largest} bytes\n`);
    expect(largest).toBeLessThan(400 * 1024);
  } finally {
    await store.close();
  }
});
