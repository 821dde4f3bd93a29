/**
 * Runs the real CLI (`node bin/certwatch.js inspect …`) as a child process on the upstream fixtures
 * (see test/fixtures/README.md for provenance), with a fixed --now so nothing depends on the clock.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '#domain/report';
import { assertReportMatchesSchema } from '#support/report-schema';

const repo = join(__dirname, '..', '..', '..');
const NOW = '2026-05-01T00:00:00Z';
const istioSamples = 'test/fixtures/istio/istio/samples/certs';
const istioTestdata = 'test/fixtures/istio/istio/security/pkg/pki/testdata';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI; a `--format json` report must match docs/report.schema.json. */
function certwatch(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/certwatch.js', ...args],
      { cwd: repo, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 99) : 0;
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

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);

describe('certwatch inspect (real process)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'certwatch-inspect-'));
  const junk = join(scratch, 'not-a-cert.txt');
  writeFileSync(junk, 'hello, this is not a certificate\n');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reports the healthy Istio sample CA as JSON and exits 0', async () => {
    const run = await certwatch(
      'inspect',
      `${istioSamples}/root-cert.pem`,
      `${istioSamples}/ca-cert.pem`,
      '--format',
      'json',
      '--now',
      NOW,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.schemaVersion).toBe(1);
    expect(report.generatedAt).toBe('2026-05-01T00:00:00.000Z');
    const cluster = report.clusters[0];
    expect(cluster?.name).toBe('local');
    expect(cluster?.status).toBe('ok');
    expect(cluster?.certificates.map((c) => c.level).sort()).toEqual(['intermediate', 'root']);
    const root = cluster?.certificates.find((c) => c.level === 'root');
    expect(root?.sources).toEqual([
      { kind: 'File', namespace: '', name: `${istioSamples}/root-cert.pem`, key: '' },
    ]);
    expect(root?.notAfter.startsWith('2117-')).toBe(true);
    expect(root?.daysLeft).toBeGreaterThan(30_000);
  });

  it('exits 1 on the expired Istio test CA with --fail-on critical, and says why', async () => {
    const run = await certwatch(
      'inspect',
      `${istioTestdata}/expired-cert.pem`,
      '--now',
      NOW,
      '--fail-on',
      'critical',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/critical/);
    expect(run.stdout).toContain('FINDINGS');
  });

  it('names a missing file and a file without certificates on stderr and as critical findings, and still reports the others', async () => {
    const run = await certwatch(
      'inspect',
      'does/not/exist.pem',
      junk,
      `${istioSamples}/root-cert.pem`,
      '--format',
      'json',
      '--now',
      NOW,
    );
    expect(run.stderr).toContain('does/not/exist.pem');
    expect(run.stderr).toContain(junk);
    const cluster = (JSON.parse(run.stdout) as JsonReport).clusters[0];
    expect(cluster?.status).toBe('partial');
    expect(cluster?.certificates).toHaveLength(1);
    const unusable = cluster?.findings.filter((f) => f.rule === 'unusable_input');
    expect(unusable?.map((f) => [f.source?.name, f.severity])).toEqual([
      ['does/not/exist.pem', 'critical'],
      [junk, 'critical'],
    ]);
    expect(cluster?.errors.some((e) => e.source?.name === junk)).toBe(true);
    expect(run.code).toBe(1);
  });

  it('exits 2 when no file at all could be read', async () => {
    const run = await certwatch('inspect', 'nope-1.pem', 'nope-2.pem', '--now', NOW);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nope-1.pem');
    expect(run.stderr).toContain('nope-2.pem');
    expect(run.stdout).toBe('');
  });

  it('exits 2 on an unknown flag and on a bad --now, with one clear line and no stack trace', async () => {
    const flag = await certwatch('inspect', `${istioSamples}/root-cert.pem`, '--colour');
    expect(flag.code).toBe(2);
    expect(flag.stderr.split('\n')[0]).toBe("certwatch: Unknown option '--colour'");
    expect(flag.stderr).toContain('Usage: certwatch inspect');
    noStackTrace(flag.stderr);
    const now = await certwatch('inspect', `${istioSamples}/root-cert.pem`, '--now', '2026-02-30');
    expect(now.code).toBe(2);
    expect(now.stderr).toContain("invalid --now '2026-02-30'");
    noStackTrace(now.stderr);
  });

  it('prints the table by default, grouped by chain, within 100 columns', async () => {
    const run = await certwatch(
      'inspect',
      `${istioSamples}/cert-chain-alt.pem`,
      `${istioSamples}/root-cert-alt.pem`,
      '--now',
      NOW,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^CLUSTER local \(ok\): 2 certificates/);
    expect(run.stdout).toMatch(/LEVEL\s+ROLE\s+NOT AFTER\s+DAYS\s+SEVERITY\s+SUBJECT\s+SOURCES/);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout.split('\n').filter((line) => line.length > 100)).toEqual([]);
  });

  it('lists the commands on --help and exits 2 on an unknown command', async () => {
    const help = await certwatch('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('inspect');
    const unknown = await certwatch('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe("certwatch: unknown command 'frobnicate'");
  });
});
