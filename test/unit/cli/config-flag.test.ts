/**
 * `--config certwatch.config.json` changes the CLI's verdict the way the same thresholds change the
 * deployed stack's (test/unit/config/one-policy.test.ts proves both build the same policy). The
 * real `inspect` command, in-process, on the Istio sample root CA (valid until 2117).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '#cli/command';
import { main } from '#cli/main';
import type { JsonReport } from '#domain/report';

const repo = join(__dirname, '..', '..', '..');
const rootCa = 'test/fixtures/istio/istio/samples/certs/root-cert.pem';

async function certwatch(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd: repo,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('certwatch inspect --config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'certwatch-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const args = [rootCa, '--now', '2026-05-01T00:00:00Z', '--fail-on', 'warning', '--format', 'json'];

  it('judges with the thresholds of the config file', async () => {
    const plain = await certwatch('inspect', ...args);
    expect(plain.code).toBe(0);
    // 33,481 days left: only a root warning threshold above that makes it a warning.
    const config = join(dir, 'certwatch.config.json');
    writeFileSync(config, JSON.stringify({ thresholds: { root: { warningDays: 40_000 } } }));
    const strict = await certwatch('inspect', ...args, '--config', config);
    expect(strict.stderr).toBe('');
    expect(strict.code).toBe(1);
    const report = JSON.parse(strict.stdout) as JsonReport;
    const findings = report.clusters[0]?.findings ?? [];
    expect(findings.map((f) => [f.rule, f.severity])).toContainEqual(['expiring_soon', 'warning']);
  });

  it('exits 2 naming the bad field', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ thresholds: { root: { criticalDays: 400 } } }));
    const run = await certwatch('inspect', ...args, '--config', config);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /invalid --config .*bad\.json: thresholds\.root: expected criticalDays to be at most warningDays/,
    );
  });
});
