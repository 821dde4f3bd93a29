import { type RecordScanDeps, recordScan } from '#app/record-scan';
import type { Assessment, Finding } from '#domain/model';
import { type AssessedSpec, assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '#support/fakes/in-memory-history-store';
import { RecordingNotifier } from '#support/fakes/recording-notifier';

const secret = { kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'ca-cert.pem' };
const HOUR = 3600_000;
const root = (name = 'root', notAfter = '2031-01-01T00:00:00Z'): AssessedSpec => ({
  name,
  notBefore: '2020-01-01T00:00:00Z',
  notAfter,
  sources: [secret],
  level: 'root',
  role: 'istio-root',
  mesh: 'istio',
});
const expiring: Finding = {
  severity: 'critical',
  rule: 'root_expiring',
  fingerprint: fingerprintOf('root'),
  source: secret,
  message: 'root expires in 20 days',
};

function scan(findings: Finding[], ...specs: AssessedSpec[]): Assessment {
  return { certificates: specs.map(assessed), findings, errors: [] };
}

function setup(channels = ['slack']) {
  const store = new InMemoryHistoryStore();
  const notifiers = channels.map((c) => new RecordingNotifier(c));
  const clock = new FixedClock('2030-12-12T00:00:00Z');
  const deps: RecordScanDeps = { store, notifiers, clock };
  const run = (assessment: Assessment, status: 'ok' | 'partial' | 'unreachable' = 'ok') =>
    recordScan(deps, { cluster: 'prod', assessment, status });
  return { store, notifiers, clock, run, slack: notifiers[0]! };
}

describe('recordScan', () => {
  it('writes exactly one item (the summary) when an unchanged cluster is rescanned', async () => {
    const { store, run, clock } = setup([]);
    await run(scan([], root(), { ...root('leaf'), level: 'leaf', role: 'webhook', mesh: 'generic' }));
    const first = store.writes;
    expect(first).toBeGreaterThan(3);
    clock.advance(HOUR);
    const result = await run(
      scan([], { ...root('leaf'), level: 'leaf', role: 'webhook', mesh: 'generic' }, root()),
    );
    expect(store.writes - first).toBe(1);
    expect(result.events).toEqual([]);
    expect(store.summaries).toHaveLength(2);
  });

  it('sends each alert once however often the same state is scanned', async () => {
    const { run, slack, clock } = setup();
    for (let i = 0; i < 3; i++) {
      await run(scan([expiring], root()));
      clock.advance(HOUR);
    }
    expect(slack.alerts.map((a) => a.transition)).toEqual(['opened']);
    expect(slack.alerts[0]).toMatchObject({
      cluster: 'prod',
      level: 'root',
      subject: 'CN=root',
      sources: [secret],
    });
  });

  it('resolves in the thread of the opening message once the certificate is rotated', async () => {
    const { run, slack, clock, store } = setup();
    await run(scan([expiring], root()));
    clock.advance(HOUR);
    const result = await run(scan([], root('root-2', '2040-01-01T00:00:00Z')));
    expect(slack.alerts.map((a) => [a.transition, a.threadRef])).toEqual([
      ['opened', undefined],
      ['resolved', 'slack-1'],
    ]);
    expect(result.events).toEqual([
      expect.objectContaining({ type: 'rotated', newNotAfter: '2040-01-01T00:00:00.000Z' }),
    ]);
    expect(result.findings.map((f) => f.rule)).toContain('rotation_observed');
    expect([...store.alerts.values()][0]).toMatchObject({ state: 'resolved' });
  });

  it('retries a failed channel on the next run without repeating the one that worked', async () => {
    const { run, notifiers, clock } = setup(['slack', 'sns']);
    const [slack, sns] = notifiers as [RecordingNotifier, RecordingNotifier];
    sns.failNext = 1;
    const first = await run(scan([expiring], root()));
    expect(first.alerts.map((a) => [a.channel, a.delivered])).toEqual([
      ['slack', true],
      ['sns', false],
    ]);
    clock.advance(HOUR);
    await run(scan([expiring], root()));
    expect(slack.alerts).toHaveLength(1);
    expect(sns.alerts.map((a) => a.transition)).toEqual(['opened']);
  });

  it('escalates, re-notifies a critical daily, and stays quiet in between', async () => {
    const { run, slack, clock } = setup();
    await run(scan([{ ...expiring, severity: 'warning' }], root()));
    clock.advance(HOUR);
    await run(scan([expiring], root()));
    clock.advance(12 * HOUR);
    await run(scan([expiring], root()));
    clock.advance(12 * HOUR);
    await run(scan([expiring], root()));
    expect(slack.alerts.map((a) => a.transition)).toEqual(['opened', 'escalated', 'renotified']);
    expect(slack.alerts[1]?.threadRef).toBe('slack-1');
  });

  it('keeps alerts open while the cluster is unreachable, and says the scans are missed', async () => {
    const { run, slack, clock, store } = setup();
    await run(scan([expiring], root()));
    clock.advance(4 * HOUR);
    const result = await run(scan([]), 'unreachable');
    expect(slack.alerts.map((a) => a.transition)).toEqual(['opened', 'opened']);
    expect(slack.alerts[1]?.finding.rule).toBe('scan_missed');
    expect(result.findings.map((f) => f.rule)).toEqual(['scan_missed']);
    expect((await store.loadCluster('prod')).observations).toHaveLength(1);
    expect(store.summaries.at(-1)).toMatchObject({
      status: 'unreachable',
      lastSuccessAt: '2030-12-12T00:00:00.000Z',
    });
  });

  it('flags a workload certificate still unrotated on a later scan past its rotation point', async () => {
    const { run, clock } = setup([]);
    const workload: AssessedSpec = {
      name: 'w',
      notBefore: '2030-12-11T12:00:00Z',
      notAfter: '2030-12-12T12:00:00Z',
      sources: [{ kind: 'Pod', namespace: 'apps', name: 'web-1' }],
      mesh: 'istio',
      role: 'istio-workload',
    };
    expect((await run(scan([], workload))).findings).toEqual([]);
    clock.advance(4 * HOUR);
    const later = await run(scan([], workload));
    expect(later.findings.map((f) => f.rule)).toEqual(['rotation_overdue']);
  });

  it('keeps what a partial scan could not read, and lets only an ok scan report it gone', async () => {
    const { run, clock, store } = setup([]);
    const other: AssessedSpec = {
      ...root('webhook-ca'),
      sources: [{ kind: 'ValidatingWebhookConfiguration', name: 'v' }],
    };
    await run(scan([], root(), other));
    clock.advance(HOUR);
    const partial = await run(scan([], root()), 'partial');
    expect(partial.events).toEqual([]);
    expect((await store.loadCluster('prod')).observations).toHaveLength(2);
    clock.advance(HOUR);
    const ok = await run(scan([], root()));
    expect(ok.events.map((e) => [e.type, e.subject])).toEqual([['disappeared', 'CN=webhook-ca']]);
  });

  it("per source: a complete source's loss is real and resolves; an incomplete one's is carried over", async () => {
    const { store, notifiers, clock, slack } = setup();
    const deps: RecordScanDeps = { store, notifiers, clock };
    const linkerd: AssessedSpec = { ...root('anchor'), mesh: 'linkerd', role: 'linkerd-trust-anchor' };
    const anchorExpiring: Finding = { ...expiring, fingerprint: fingerprintOf('anchor'), message: 'anchor' };
    const spot: Finding = {
      severity: 'warning',
      rule: 'blind_spot',
      source: secret,
      message: 'linkerd: 503',
    };
    const record = (assessment: Assessment, status: 'ok' | 'partial', incomplete: string[] = []) =>
      recordScan(deps, {
        cluster: 'prod',
        assessment,
        status,
        sources: ['istio', 'linkerd'].map((name) => ({
          name,
          status: incomplete.includes(name) ? ('incomplete' as const) : ('complete' as const),
        })),
      });
    await record(scan([expiring, anchorExpiring], root(), linkerd), 'ok');
    expect(slack.alerts.map((m) => m.transition)).toEqual(['opened', 'opened']);
    clock.advance(HOUR);
    // Linkerd unreadable, the Istio root rotated away: Istio's alert resolves, Linkerd's is carried over.
    const partial = await record(scan([spot], root('root2')), 'partial', ['linkerd']);
    expect(partial.events.map((e) => e.type)).toEqual(['rotated']);
    expect((await store.loadCluster('prod')).observations.map((o) => o.subject).sort()).toEqual([
      'CN=anchor',
      'CN=root2',
    ]);
    expect(slack.alerts.slice(2).map((m) => [m.transition, m.finding.message])).toEqual([
      ['opened', 'linkerd: 503'],
      ['resolved', 'root expires in 20 days'],
    ]);
    clock.advance(HOUR);
    // Linkerd readable again: the blind spot resolves, the anchor alert stays open, nothing re-opens.
    await record(scan([anchorExpiring], root('root2'), linkerd), 'ok');
    expect(slack.alerts.slice(4).map((m) => [m.transition, m.finding.message])).toEqual([
      ['resolved', 'linkerd: 503'],
    ]);
  });
});
