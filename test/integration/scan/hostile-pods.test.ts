/**
 * Hostile workloads through the real CLI, recording to the embedded store and notifying the
 * loopback Slack: ten meshed pods carrying a 1 MiB trust-anchors env value, a pod whose metrics
 * answer a 1 MB 503 full of escape sequences, one with a 64 MiB metrics body and one whose body
 * never ends. The scan finishes within its budget, with bounded memory, every other certificate
 * reported, no stored item over DynamoDB's 400 KB and no control character in any output.
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
let usage: { maxRssKiB: number; ms: number };
let baseline: { maxRssKiB: number; ms: number };
let plain: Simulator;

function hostileObjects(): SimObject[] {
  const anchors = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(MIB)}`; // 1 MiB, never terminated
  const envPods = Array.from({ length: 10 }, (_, i) =>
    pod('evil-env', `replica-${i}`, LINKERD_LABEL, [
      { name: 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS', value: anchors },
    ]),
  );
  const others = ['evil-error', 'evil-big', 'evil-endless'].map((ns) => pod(ns, 'proxy', LINKERD_LABEL));
  return [...['evil-env', 'evil-error', 'evil-big', 'evil-endless'].map(namespace), ...envPods, ...others];
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
    faults: [{ path: /\/namespaces\/evil-endless\/pods\/proxy:4191\/proxy\//, connection: 'endless' }],
  });
  plain = await startSimulator({ scenario: { ...linkerd.scenario, name: 'plain' } });
  slack = await startSlackApi();
  kube = await kubeconfigFor([sim.context('admin'), plain.context('admin')]);
  stateDir = await mkdtemp(join(tmpdir(), 'certwatch-hostile-'));
  const preload = join(__dirname, '..', '..', 'support', 'report-resource-usage.js');
  const env = {
    SLACK_BOT_TOKEN: slack.token,
    SLACK_API_URL: slack.url,
    NODE_OPTIONS: `--require ${preload}`,
  };
  const flags = ['--timeout', String(BUDGET_SECONDS), '--request-timeout', '5'];
  const recording = recordingArgs(stateDir, 'C0');
  const usageOf = (stderr: string) => JSON.parse(/certwatch-test-usage (.*)/.exec(stderr)?.[1] ?? '{}');
  // The same Linkerd install without the hostile pods, for comparison (same machine, same moment).
  const plainRun = await runCli(
    [...scanArgs(kube.path, { now: NOW, contexts: ['plain'] }), ...flags],
    120_000,
    env,
  );
  baseline = usageOf(plainRun.stderr);
  const hostile = scanArgs(kube.path, { now: NOW, contexts: ['hostile'] });
  run = await runCli([...hostile, ...flags, ...recording], 120_000, env);
  usage = usageOf(run.stderr);
  table = await runCli([
    ...scanArgs(kube.path, { now: NOW, contexts: ['hostile'], format: 'table' }),
    ...flags,
  ]);
  const mib = (kib: number) => Math.round(kib / 1024);
  process.stderr.write(
    `hostile pods: ${usage.ms} ms, peak RSS ${mib(usage.maxRssKiB)} MiB; without them: ${baseline.ms} ms, ` +
      `${mib(baseline.maxRssKiB)} MiB (budget ${BUDGET_SECONDS} s)\n`,
  );
}, 240_000);

afterAll(async () => {
  await sim?.stop();
  await plain?.stop();
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

it('finishes within the budget with bounded memory, every Linkerd certificate reported', () => {
  expect([0, 1]).toContain(run.code);
  expect(usage.ms).toBeLessThan(BUDGET_SECONDS * 1000);
  expect(usage.maxRssKiB).toBeLessThan(512 * 1024);
  const report = JSON.parse(run.stdout) as JsonReport;
  const cluster = clusterOf(report, 'hostile');
  const seen = new Set(cluster.certificates.map((c) => c.fingerprint));
  for (const fp of expected) expect(seen.has(fp)).toBe(true);
  const spots = cluster.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots.map((f) => f.source?.namespace).sort()).toEqual(['evil-big', 'evil-endless', 'evil-error']);
  expect(spots.filter((f) => f.message.includes('timeout'))).toEqual([]); // none was cut by the budget
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
