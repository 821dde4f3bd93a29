/** `certwatch history` in-process, over a local store populated by recordScan in a temp state dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHistoryStore } from '#adapters/local-store';
import { recordScan } from '#app/record-scan';
import type { CliIo } from '#cli/command';
import { main } from '#cli/main';
import type { Assessment } from '#domain/model';
import { type AssessedSpec, assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';

const dir = mkdtempSync(join(tmpdir(), 'certwatch-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secret = { kind: 'Secret', namespace: 'linkerd', name: 'linkerd-identity-issuer', key: 'tls.crt' };
const issuer = (name: string, notAfter: string): AssessedSpec => ({
  name,
  notBefore: '2030-01-01T00:00:00Z',
  notAfter,
  sources: [secret],
  level: 'intermediate',
  role: 'linkerd-issuer',
  mesh: 'linkerd',
});
const scan = (spec: AssessedSpec): Assessment => ({
  certificates: [assessed(spec)],
  findings: [],
  errors: [],
});

function io(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: {},
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}

beforeAll(async () => {
  const store = await LocalHistoryStore.open({ stateDir: dir });
  const clock = new FixedClock('2030-06-01T00:00:00Z');
  await recordScan(
    { store, notifiers: [], clock },
    { cluster: 'edge', assessment: scan(issuer('issuer-1', '2030-07-01T00:00:00Z')), status: 'ok' },
  );
  clock.advance(86_400_000);
  await recordScan(
    { store, notifiers: [], clock },
    { cluster: 'edge', assessment: scan(issuer('issuer-2', '2031-07-01T00:00:00Z')), status: 'ok' },
  );
  await store.close();
});

describe('certwatch history', () => {
  it('lists clusters with their last scan', async () => {
    const run = io();
    expect(await main(['history', '--state-dir', dir], run)).toBe(0);
    expect(run.out()).toMatch(/^edge +2030-06-02 00:00Z +ok +2030-06-02 00:00Z +1 +edge$/m);
  });

  it('prints a cluster timeline with the rotation and both notAfter dates', async () => {
    const run = io();
    expect(await main(['history', '--state-dir', dir, '--cluster', 'edge'], run)).toBe(0);
    const lines = run.out().trim().split('\n');
    expect(lines[0]).toMatch(/^Cluster edge: last scan 2030-06-02/);
    expect(lines[1]).toMatch(
      /appeared .*CN=issuer-1 \(linkerd-issuer\) at Secret\/linkerd\/linkerd-identity-issuer\/tls.crt/,
    );
    expect(lines[2]).toMatch(/rotated .*notAfter 2030-07-01 → 2031-07-01/);
  });

  it('prints one certificate by fingerprint prefix', async () => {
    const run = io();
    const fp = fingerprintOf('issuer-2');
    expect(await main(['history', '--state-dir', dir, '--fingerprint', fp.slice(0, 10)], run)).toBe(0);
    expect(run.out()).toContain(`Certificate ${fp}`);
    expect(run.out()).toContain('subject   CN=issuer-2');
    expect(run.out()).toMatch(/rotated/);
  });

  it('fails with exit 2 and a clear message on bad input', async () => {
    const bad = io();
    expect(await main(['history', '--state-dir', dir, '--fingerprint', 'xyz'], bad)).toBe(2);
    expect(bad.err()).toMatch(/invalid --fingerprint 'xyz'/);
    const unknown = io();
    expect(await main(['history', '--state-dir', dir, '--cluster', 'nope'], unknown)).toBe(2);
    expect(unknown.err()).toMatch(/no history for cluster 'nope'/);
  });
});
