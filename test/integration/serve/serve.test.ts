/**
 * `certwatch serve` as a pod runs it: in-cluster configuration (KUBERNETES_SERVICE_HOST/PORT, a
 * service-account token and CA) against the simulator, with only the RBAC `certwatch rbac`
 * generates. /metrics carries the same certificates as `scan --format prometheus`; history and
 * Slack alerts work as with `scan --store --notify`; when the API server goes away the process
 * stays up and keeps the last good certificates with certwatch_scan_success 0; SIGTERM stops it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '../../simulator';
import { istioStaleCopy, scannerRbac } from '../../simulator/scenarios';
import { parseExposition, samplesOf } from '../../support/exposition';
import { type SlackApi, startSlackApi } from '../../support/slack-api-server';
import { kubeconfigFor, removeDir, runCli, scanArgs } from '../scan/run-cli';
import { eventually, inClusterEnv, type ServeProcess, serviceAccountDir, startServe } from './run-serve';

const CLUSTER = 'prod-eu';
let sim: Simulator;
let slack: SlackApi;
let saDir = '';
let stateDir = '';
let serve: ServeProcess | undefined;

beforeAll(async () => {
  const { scenario } = await istioStaleCopy(new Date());
  sim = await startSimulator({ scenario: { ...scenario, objects: [...scenario.objects, ...scannerRbac()] } });
  // The pod's service account, in the group the generated RBAC binds.
  const token = sim.addUser({
    name: 'system:serviceaccount:certwatch:certwatch',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:certwatch', 'certwatch'],
  });
  saDir = await serviceAccountDir(sim, token, 'certwatch');
  stateDir = await mkdtemp(join(tmpdir(), 'certwatch-serve-state-'));
  slack = await startSlackApi();
}, 60_000);

afterAll(async () => {
  if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
  await sim?.stop();
  await slack?.stop();
  for (const dir of [saDir, stateDir]) if (dir) await removeDir(dir);
});

async function get(path: string): Promise<{ status: number; body: string; type: string }> {
  const res = await fetch(`${serve!.url}${path}`);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** `cluster fingerprint place = value` of every expiry series. */
function expirySeries(exposition: string): string[] {
  return samplesOf(parseExposition(exposition), 'certwatch_certificate_expiry_timestamp_seconds')
    .map(
      (s) =>
        `${s.labels['cluster']} ${s.labels['fingerprint']} ${s.labels['level']} ${s.labels['source_kind']} ` +
        `${s.labels['source_namespace']}/${s.labels['source_name']}:${s.labels['source_key']} = ${s.value}`,
    )
    .sort();
}

function value(exposition: string, name: string): number | undefined {
  return samplesOf(parseExposition(exposition), name).find((s) => s.labels['cluster'] === CLUSTER)?.value;
}

it('scans through in-cluster config, serves the same certificates as scan, survives the API server, stops on SIGTERM', async () => {
  serve = await startServe(
    [
      ...['--listen', '127.0.0.1:0', '--interval', '1', '--cluster-name', CLUSTER],
      ...['--service-account-dir', saDir, '--store', 'local', '--state-dir', stateDir],
      ...['--notify', 'slack', '--slack-channel', 'C0SERVE', '--request-timeout', '2', '--timeout', '10'],
    ],
    {
      ...inClusterEnv(sim),
      SLACK_BOT_TOKEN: slack.token,
      SLACK_API_URL: slack.url,
      KUBECONFIG: join(saDir, 'no-such-kubeconfig'),
    },
  );
  expect((await get('/healthz')).status).toBe(200);

  const ready = await eventually('/readyz 200', async () =>
    (await get('/readyz')).status === 200 ? true : undefined,
  );
  expect(ready).toBe(true);
  const first = await get('/metrics');
  expect(first.status).toBe(200);
  expect(first.type).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(value(first.body, 'certwatch_scan_success')).toBe(1);
  expect(samplesOf(parseExposition(first.body), 'certwatch_blind_spots').every((s) => s.value === 0)).toBe(
    true,
  );
  // Every request came from the service account (bearer token from the file), none as admin.
  const users = new Set(sim.requests.map((r) => r.user));
  expect([...users]).toEqual(['system:serviceaccount:certwatch:certwatch']);

  // The same certificates as a one-off scan of the same cluster.
  const kube = await kubeconfigFor([sim.context('admin', CLUSTER)]);
  try {
    const scan = await runCli(
      scanArgs(kube.path, { contexts: [CLUSTER], now: new Date(), format: 'prometheus' }),
    );
    expect(expirySeries(first.body)).toEqual(expirySeries(scan.stdout));
    expect(expirySeries(scan.stdout).length).toBeGreaterThan(2);
  } finally {
    await removeDir(kube.dir);
  }

  // Alerts went to Slack once; later rounds (every second) send nothing new.
  await eventually('a Slack alert', async () => (slack.messages.length > 0 ? true : undefined));
  const alerts = slack.messages.length;
  const rounds = (serve.stderr().match(/certwatch serve: prod-eu: ok/g) ?? []).length;
  await eventually('two more rounds', async () =>
    (serve!.stderr().match(/certwatch serve: prod-eu: ok/g) ?? []).length >= rounds + 2 ? true : undefined,
  );
  expect(slack.messages).toHaveLength(alerts);
  expect(slack.messages.every((m) => m.channel === 'C0SERVE')).toBe(true);

  // The API server goes away: the process stays up, ready, with the last good certificates.
  await sim.stop();
  const down = await eventually('certwatch_scan_success 0', async () => {
    const m = await get('/metrics');
    return value(m.body, 'certwatch_scan_success') === 0 ? m.body : undefined;
  });
  expect(expirySeries(down)).toEqual(expirySeries(first.body));
  expect(value(down, 'certwatch_scan_last_success_timestamp_seconds')).toBeGreaterThan(0);
  expect(samplesOf(parseExposition(down), 'certwatch_blind_spots').map((s) => s.labels['source'])).toEqual([
    'cluster',
  ]);
  expect((await get('/healthz')).status).toBe(200);
  expect((await get('/readyz')).status).toBe(200);
  expect(serve.child.exitCode).toBeNull();

  serve.child.kill('SIGTERM');
  expect(await serve.exited).toBe(0);
  expect(serve.stderr()).toMatch(/certwatch serve: stopped/);
  expect(serve.stderr()).not.toMatch(/at .*\.js:\d+/); // no stack trace

  const history = await runCli(['history', '--state-dir', stateDir]);
  expect(history.code).toBe(0);
  expect(history.stdout).toContain(CLUSTER);
}, 180_000);

it('outside a pod says what is missing and exits 2', async () => {
  const run = await runCli(['serve', '--listen', '127.0.0.1:0'], 30_000, {
    KUBERNETES_SERVICE_HOST: '',
    KUBERNETES_SERVICE_PORT: '',
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set');
});

it('names the service-account file it cannot read', async () => {
  const run = await runCli(
    ['serve', '--listen', '127.0.0.1:0', '--service-account-dir', join(tmpdir(), 'certwatch-no-such-sa')],
    30_000,
    { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443' },
  );
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(
    /cannot read the service-account CA file .*certwatch-no-such-sa\/ca\.crt \(ENOENT\)/,
  );
});
