/** Runs the real CLI (`node bin/certwatch.js`) and the simulators a scan test needs. Test support. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import type { JsonReport, ReportCluster } from '#domain/report';
import {
  type KubeconfigContext,
  type Scenario,
  type SimObject,
  type Simulator,
  startSimulator,
  writeKubeconfig,
} from '#simulator';
import { assertReportMatchesSchema } from '#support/report-schema';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

const ROOT = join(__dirname, '..', '..', '..');

/** What one CLI run produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `certwatch ...args` as a child process (`env` is added to this process's environment); a
 * `--format json` report must match the JSON Schema.
 */
export function runCli(
  args: readonly string[],
  timeoutMs = 90_000,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin', 'certwatch.js'), ...args],
      {
        cwd: ROOT,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', ...env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        try {
          assertReportMatchesSchema(args, stdout);
          resolve({ code, stdout, stderr });
        } catch (invalid) {
          reject(invalid);
        }
      },
    );
  });
}

/** `scan --kubeconfig K [--context C]... --format F --now N [...extra]`: the arguments every scan test starts from. */
export function scanArgs(
  kubeconfig: string,
  options: { contexts?: readonly string[]; now: Date | string; format?: string },
  ...extra: string[]
): string[] {
  const contexts = (options.contexts ?? []).flatMap((name) => ['--context', name]);
  const now = typeof options.now === 'string' ? options.now : options.now.toISOString();
  return [
    'scan',
    '--kubeconfig',
    kubeconfig,
    ...contexts,
    '--format',
    options.format ?? 'json',
    '--now',
    now,
    ...extra,
  ];
}

/** `--store local --state-dir DIR --notify slack --slack-channel C`: a recorded run that alerts to Slack. */
export function recordingArgs(stateDir: string, channel: string): string[] {
  return ['--store', 'local', '--state-dir', stateDir, '--notify', 'slack', '--slack-channel', channel];
}

/** A simulator, the loopback Slack, a kubeconfig and an embedded store: recorded scans that alert. */
export interface RecordingRig {
  readonly sim: Simulator;
  readonly slack: SlackApi;
  readonly stateDir: string;
  /** One recorded scan at `at` (5 s requests); fails when an alert was not delivered. */
  scan(at: Date): Promise<JsonReport>;
  /** Texts Slack received from message number `from` on. */
  messages(from?: number): string[];
  stop(): Promise<void>;
}

/**
 * Starts a {@link RecordingRig} serving `scenario` (its cluster is named after the scenario), LIST
 * pages of at most `maxPageSize` items when given (so lists follow `continue`).
 */
export async function startRecordingRig(
  scenario: Scenario,
  options: { readonly maxPageSize?: number } = {},
): Promise<RecordingRig> {
  const sim = await startSimulator({ scenario, ...options });
  const slack = await startSlackApi();
  const kube = await kubeconfigFor([sim.context('admin')]);
  const stateDir = await mkdtemp(join(tmpdir(), 'certwatch-recorded-'));
  const env = { SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url };
  return {
    sim,
    slack,
    stateDir,
    async scan(at) {
      const args = [...scanArgs(kube.path, { now: at }), '--request-timeout', '5'];
      const run = await runCli([...args, ...recordingArgs(stateDir, 'C0')], 90_000, env);
      if (/not delivered/.test(run.stderr)) throw new Error(`an alert was not delivered:\n${run.stderr}`);
      return JSON.parse(run.stdout) as JsonReport;
    },
    messages: (from = 0) => slack.messages.slice(from).map((m) => m.text ?? ''),
    async stop() {
      await sim.stop();
      await slack.stop();
      await removeDir(kube.dir);
      await removeDir(stateDir);
    },
  };
}

/** A temp dir holding a kubeconfig with one context per entry. */
export async function kubeconfigFor(
  contexts: readonly KubeconfigContext[],
): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'certwatch-scan-'));
  const path = join(dir, 'kubeconfig');
  await writeKubeconfig(path, contexts);
  return { dir, path };
}

/** Removes a temp dir. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Stops simulators. */
export async function stopAll(sims: readonly Simulator[]): Promise<void> {
  await Promise.all(sims.map((s) => s.stop()));
}

/** SHA-256 fingerprint of a DER certificate, as the report prints it. */
export function fingerprintOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** The cluster named `name` in a JSON report (throws when absent). */
export function clusterOf(report: JsonReport, name: string): ReportCluster {
  const found = report.clusters.find((c) => c.name === name);
  if (!found)
    throw new Error(`no cluster ${name} in report (${report.clusters.map((c) => c.name).join(', ')})`);
  return found;
}

/** The base64 body lines of a PEM private key: any of them in an output means a leak. */
export function canaryLines(keyPem: string): string[] {
  return keyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
}

/**
 * Runs `certwatch rbac --from-cluster` against `sim` as its admin and returns the printed YAML and
 * the objects it holds (what a person would `kubectl apply`).
 */
export async function rbacFromCluster(
  sim: Simulator,
  ...extra: string[]
): Promise<{ yaml: string; objects: SimObject[] }> {
  const kube = await kubeconfigFor([sim.context('admin', sim.name)]);
  try {
    const run = await runCli(['rbac', '--from-cluster', '--kubeconfig', kube.path, ...extra]);
    if (run.code !== 0) throw new Error(`certwatch rbac --from-cluster exited ${run.code}: ${run.stderr}`);
    return { yaml: run.stdout, objects: loadAll(run.stdout).filter(Boolean) as SimObject[] };
  } finally {
    await removeDir(kube.dir);
  }
}
