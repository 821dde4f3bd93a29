/** `certwatch digest` in-process over a local store, printing and delivering to the loopback Slack. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHistoryStore } from '#adapters/local-store';
import { recordScan } from '#app/record-scan';
import type { CliIo } from '#cli/command';
import { main } from '#cli/main';
import { assessed } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { type SlackApi, startSlackApi } from '#support/slack-api-server';

const dir = mkdtempSync(join(tmpdir(), 'certwatch-digest-'));
let slack: SlackApi;

function io(env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env,
    cwd: dir,
    out: () => out,
    err: () => err,
  };
}

beforeAll(async () => {
  slack = await startSlackApi();
  const store = await LocalHistoryStore.open({ stateDir: dir });
  const root = assessed({
    name: 'mesh-root',
    notBefore: '2020-06-01T00:00:00Z',
    notAfter: '2030-06-20T00:00:00Z',
    sources: [{ kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'root-cert.pem' }],
    level: 'root',
    role: 'istio-root',
    mesh: 'istio',
  });
  const assessment = { certificates: [root], findings: [], errors: [] };
  await recordScan(
    { store, notifiers: [], clock: new FixedClock('2030-06-01T00:00:00Z') },
    { cluster: 'prod', assessment, status: 'ok' },
  );
  await store.close();
});
afterAll(async () => {
  await slack.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('certwatch digest', () => {
  const base = ['digest', '--state-dir', dir, '--now', '2030-06-02T00:00:00Z'];

  it('prints the digest with the certificate coming due', async () => {
    const run = io();
    expect(await main([...base, '--days', '30'], run)).toBe(0);
    expect(run.out()).toMatch(/^Subject: certwatch digest: 1 rotation due in the next 30 days/);
    expect(run.out()).toContain('prod');
    expect(run.out()).toContain('istio-root');
  });

  it('looks only as far as --days', async () => {
    const run = io();
    expect(await main([...base, '--days', '7'], run)).toBe(0);
    expect(run.out()).toMatch(/nothing due in the next 7 days/);
  });

  it('delivers to Slack with --notify and says so', async () => {
    const env = { SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.url };
    const run = io(env);
    expect(await main([...base, '--notify', 'slack', '--slack-channel', 'C0DIGEST'], run)).toBe(0);
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]?.channel).toBe('C0DIGEST');
    expect(run.err()).toContain('digest delivered to slack');
  });

  it('exits 2 with the setting named when the configuration is wrong', async () => {
    const run = io();
    expect(await main([...base, '--notify', 'slack', '--slack-channel', 'C0'], run)).toBe(2);
    expect(run.err()).toMatch(/SLACK_BOT_TOKEN is required/);
    const days = io();
    expect(await main([...base, '--days', 'soon'], days)).toBe(2);
    expect(days.err()).toMatch(/invalid --days 'soon'/);
  });
});
