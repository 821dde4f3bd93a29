/**
 * `certwatch scan --store local --notify slack` through the real CLI against a simulated cluster
 * and the loopback Slack: the first run alerts, an identical second run sends nothing more and
 * writes only its summary, and `certwatch history` then shows the cluster.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '#simulator';
import { istioStaleCopy, linkerdMidRotation } from '#simulator/scenarios';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';
import { kubeconfigFor, recordingArgs, removeDir, runCli, scanArgs } from './run-cli';

const NOW = '2026-05-01T00:00:00Z';
let sim: Simulator;
let slack: SlackApi;
let kube: { dir: string; path: string };
let stateDir = '';
const saved = { token: process.env.SLACK_BOT_TOKEN, url: process.env.SLACK_API_URL };

beforeAll(async () => {
  sim = await startSimulator({ scenario: (await istioStaleCopy(new Date(NOW))).scenario });
  slack = await startSlackApi();
  kube = await kubeconfigFor([sim.context('admin')]);
  stateDir = await mkdtemp(join(tmpdir(), 'certwatch-state-'));
  process.env.SLACK_BOT_TOKEN = slack.token; // inherited by the child process
  process.env.SLACK_API_URL = slack.url;
}, 60_000);

afterAll(async () => {
  process.env.SLACK_BOT_TOKEN = saved.token;
  process.env.SLACK_API_URL = saved.url;
  if (saved.token === undefined) delete process.env.SLACK_BOT_TOKEN;
  if (saved.url === undefined) delete process.env.SLACK_API_URL;
  await sim?.stop();
  await slack?.stop();
  if (kube) await removeDir(kube.dir);
  if (stateDir) await removeDir(stateDir);
});

const scan = (now: string) =>
  runCli([...scanArgs(kube.path, { contexts: [sim.name], now }), ...recordingArgs(stateDir, 'C0ALERTS')]);

describe('certwatch scan --store local --notify slack', () => {
  it('alerts once across identical runs and records history', async () => {
    const first = await scan(NOW);
    expect(first.stderr).not.toMatch(/not delivered/);
    expect([0, 1]).toContain(first.code);
    const alerts = slack.messages.length;
    expect(alerts).toBeGreaterThan(0);
    expect(slack.messages.every((m) => m.channel === 'C0ALERTS' && m.thread_ts === undefined)).toBe(true);

    const second = await scan('2026-05-01T01:00:00Z');
    expect(second.code).toBe(first.code);
    expect(slack.messages).toHaveLength(alerts);

    const history = await runCli(['history', '--state-dir', stateDir]);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(new RegExp(`^${sim.name} +2026-05-01 01:00Z +ok `, 'm'));
  }, 120_000);

  it('two contexts named prod on two servers keep separate history; alternating runs send nothing new', async () => {
    const other = await startSimulator({ scenario: (await linkerdMidRotation(new Date(NOW))).scenario });
    const kubeA = await kubeconfigFor([{ ...sim.context('admin'), name: 'prod' }]);
    const kubeB = await kubeconfigFor([{ ...other.context('admin'), name: 'prod' }]);
    const dir = await mkdtemp(join(tmpdir(), 'certwatch-state-'));
    const run = (kubeconfig: string, now: string) =>
      runCli([
        ...scanArgs(kubeconfig, { contexts: ['prod'], now }),
        ...['--store', 'local', '--state-dir', dir, '--notify', 'slack', '--slack-channel', 'C0PROD'],
      ]);
    const sent = () => slack.messages.filter((m) => m.channel === 'C0PROD').length;
    try {
      await run(kubeA.path, '2026-05-01T00:00:00Z');
      await run(kubeB.path, '2026-05-01T00:10:00Z');
      const afterFirstRound = sent();
      expect(afterFirstRound).toBeGreaterThan(0);
      await run(kubeA.path, '2026-05-01T01:00:00Z');
      await run(kubeB.path, '2026-05-01T01:10:00Z');
      expect(sent()).toBe(afterFirstRound);
      const history = await runCli(['history', '--state-dir', dir]);
      expect(history.stdout).toContain(`prod (${sim.url})`);
      expect(history.stdout).toContain(`prod (${other.url})`);
      const named = await runCli(['history', '--state-dir', dir, '--cluster', 'prod']);
      expect(named.code).toBe(2);
      expect(named.stderr).toMatch(/names 2 clusters; give one of their ids/);
    } finally {
      await other.stop();
      await Promise.all([removeDir(kubeA.dir), removeDir(kubeB.dir), removeDir(dir)]);
    }
  }, 240_000);

  it('refuses a bad --store before scanning, with exit 2', async () => {
    const bad = await runCli(['scan', '--kubeconfig', kube.path, '--store', 'redis']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid --store 'redis'/);
  });
});
