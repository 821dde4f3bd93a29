import { type RecordScanDeps, recordScan } from '#app/record-scan';
import { readDigestInput, sendDigest } from '#app/send-digest';
import type { Assessment, Finding } from '#domain/model';
import { type AssessedSpec, assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '#support/fakes/in-memory-history-store';
import { RecordingNotifier } from '#support/fakes/recording-notifier';

const DAY = 86_400_000;
const issuerSecret = {
  kind: 'Secret',
  namespace: 'linkerd',
  name: 'linkerd-identity-issuer',
  key: 'tls.crt',
};
const webSecret = { kind: 'Secret', namespace: 'apps', name: 'web-tls', key: 'tls.crt' };
const spec = (name: string, notAfter: string, over: Partial<AssessedSpec> = {}): AssessedSpec => ({
  name,
  notBefore: '2030-01-01T00:00:00Z',
  notAfter,
  sources: [issuerSecret],
  level: 'intermediate',
  role: 'linkerd-issuer',
  mesh: 'linkerd',
  ...over,
});
const scan = (findings: Finding[], ...specs: AssessedSpec[]): Assessment => ({
  certificates: specs.map(assessed),
  findings,
  errors: [],
});

async function populate() {
  const store = new InMemoryHistoryStore();
  const clock = new FixedClock('2030-06-01T00:00:00Z');
  const deps: RecordScanDeps = {
    store,
    notifiers: [],
    clock,
    schedule: { intervalMinutes: 60, missedScans: 3 },
  };
  const web = spec('web', '2030-09-01T00:00:00Z', {
    sources: [webSecret],
    level: 'leaf',
    role: 'cert-manager-leaf',
    mesh: 'cert-manager',
  });
  const renewal = {
    type: 'cert-manager-certificate' as const,
    source: { kind: 'Certificate', namespace: 'apps', name: 'web' },
    secretName: 'web-tls',
    ready: true,
    renewalTime: '2030-06-20T00:00:00Z',
  };
  const alert: Finding = {
    severity: 'critical',
    rule: 'issuer_expiring',
    fingerprint: fingerprintOf('issuer-2'),
    message: 'issuer expires soon',
  };
  await recordScan(deps, {
    cluster: 'edge',
    assessment: scan([], spec('issuer-1', '2030-06-05T00:00:00Z'), web),
    status: 'ok',
    signals: [renewal],
  });
  await recordScan(deps, {
    cluster: 'core',
    assessment: scan([], spec('far', '2035-01-01T00:00:00Z')),
    status: 'ok',
  });
  clock.advance(DAY);
  await recordScan(deps, {
    cluster: 'edge',
    assessment: scan([alert], spec('issuer-2', '2030-06-15T00:00:00Z'), web),
    status: 'ok',
    signals: [renewal],
    failures: [{ source: 'spire', reason: 'permission_denied', detail: 'cannot list configmaps in spire' }],
  });
  return { store, clock };
}

describe('sendDigest', () => {
  it('gathers expiring certificates, renewals due, rotations, open alerts, blind spots and health', async () => {
    const { store, clock } = await populate();
    clock.advance(20 * 3600_000); // core last scanned 44 h ago (> 3 × 12 h), edge 20 h ago
    const input = await readDigestInput(store, clock.now(), 30, { intervalMinutes: 720, missedScans: 3 });
    expect(input.upcoming.map((u) => [u.cluster, u.subject, u.automatic])).toEqual([
      ['edge', 'CN=issuer-2', false],
      ['edge', 'CN=web', true],
    ]);
    expect(input.upcoming[1]?.plannedRotationAt?.toISOString()).toBe('2030-06-20T00:00:00.000Z');
    expect(input.rotations).toEqual([
      expect.objectContaining({
        cluster: 'edge',
        role: 'linkerd-issuer',
        newNotAfter: new Date('2030-06-15T00:00:00Z'),
      }),
    ]);
    expect(input.openAlerts.map((a) => a.rule)).toEqual(['issuer_expiring']);
    expect(input.blindSpots).toEqual([
      expect.objectContaining({ cluster: 'core', source: 'scanner', reason: 'scan_missed' }),
      {
        cluster: 'edge',
        source: 'spire',
        reason: 'permission_denied',
        detail: 'cannot list configmaps in spire',
      },
    ]);
    expect(input.clusters.map((c) => [c.name, c.status, c.certificateCount])).toEqual([
      ['core', 'ok', 1],
      ['edge', 'ok', 2],
    ]);
  });

  it('delivers to every channel and only then moves the last-digest marker', async () => {
    const { store, clock } = await populate();
    const slack = new RecordingNotifier('slack');
    const sns = new RecordingNotifier('sns');
    sns.failNext = 1;
    const first = await sendDigest({ store, notifiers: [slack, sns], clock }, { days: 30 });
    expect(first.delivered).toEqual(['slack']);
    expect(first.failed.map((f) => f.channel)).toEqual(['sns']);
    expect(store.markers.get('last-digest')).toBeUndefined();
    expect(first.digest.text).toContain('issuer-2');
    expect(first.digest.summary).toMatch(/1 rotation done since last digest/);

    const second = await sendDigest({ store, notifiers: [slack, sns], clock }, { days: 30 });
    expect(second.failed).toEqual([]);
    expect(store.markers.get('last-digest')).toBe(clock.now().toISOString());
    clock.advance(DAY);
    const third = await sendDigest({ store, notifiers: [slack], clock }, { days: 30 });
    expect(third.digest.summary).not.toMatch(/since last digest/);
  });
});
