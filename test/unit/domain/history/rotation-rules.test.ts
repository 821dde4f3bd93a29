import type { ObservationRecord } from '#domain/history/records';
import { rotationObserved } from '#domain/history/rotation-observed';
import { rotationOverdue } from '#domain/history/rotation-overdue';
import { rotationPoint } from '#domain/history/rotation-point';
import { rotationStalled } from '#domain/history/rotation-stalled';
import { scanMissed } from '#domain/history/scan-missed';

const pod = { kind: 'Pod', namespace: 'apps', name: 'web-1' };
const obs = (over: Partial<ObservationRecord>): ObservationRecord => ({
  fingerprint: 'f'.repeat(64),
  subject: '',
  sources: [pod],
  severity: 'ok',
  level: 'leaf',
  role: 'istio-workload',
  mesh: 'istio',
  notBefore: '2030-01-01T00:00:00.000Z',
  notAfter: '2030-01-02T00:00:00.000Z',
  effectiveNotAfter: '2030-01-02T00:00:00.000Z',
  firstSeenAt: '2030-01-01T01:00:00.000Z',
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('rotationPoint', () => {
  it.each([
    ['istio', '2030-01-01T12:00:00.000Z'],
    ['linkerd', '2030-01-01T16:48:00.000Z'],
    ['spire', '2030-01-01T12:00:00.000Z'],
  ] as const)('%s workload rotates at its policy fraction', (mesh, expected) => {
    expect(rotationPoint(obs({ mesh }))?.toISOString()).toBe(expected);
  });
  it('prefers cert-manager renewalTime and knows nothing for an unknown leaf', () => {
    expect(rotationPoint(obs({ renewalTime: '2030-01-01T05:00:00Z' }))?.toISOString()).toBe(
      '2030-01-01T05:00:00.000Z',
    );
    expect(rotationPoint(obs({ mesh: 'generic' }))).toBeUndefined();
    expect(rotationPoint(obs({ level: 'root', mesh: 'istio' }))).toBeUndefined();
  });
});

describe('rotationOverdue', () => {
  // Istio 24 h cert: rotation point 12:00, grace 2.4 h → due 14:24.
  it.each([
    ['before the point plus grace', '2030-01-01T14:00:00Z', 0],
    ['after it, seen on an earlier scan', '2030-01-01T15:00:00Z', 1],
    ['after expiry (another rule says expired)', '2030-01-02T01:00:00Z', 0],
  ])('%s', (_label, now, count) => {
    expect(rotationOverdue([obs({})], at(now))).toHaveLength(count);
  });
  it('does not fire on the first sighting of a certificate', () => {
    expect(
      rotationOverdue([obs({ firstSeenAt: '2030-01-01T15:00:00.000Z' })], at('2030-01-01T15:00:00Z')),
    ).toEqual([]);
  });
  it('names the mesh-specific next step', () => {
    const [f] = rotationOverdue([obs({ mesh: 'linkerd' })], at('2030-01-01T23:00:00Z'));
    expect(f).toMatchObject({ rule: 'rotation_overdue', severity: 'warning', source: pod });
    expect(f?.remediation).toMatch(/linkerd check --proxy/);
  });
});

describe('rotationStalled', () => {
  const cm = { kind: 'ConfigMap', namespace: 'apps', name: 'istio-ca-root-cert', key: 'root-cert.pem' };
  const cm2 = { ...cm, namespace: 'db' };
  const old = obs({
    fingerprint: 'a'.repeat(64),
    sources: [cm, cm2],
    supersededBy: 'b'.repeat(64),
    supersededAt: '2030-01-01T00:00:00.000Z',
  });
  const replacement = obs({ fingerprint: 'b'.repeat(64), sources: [cm] });
  it('flags each source still holding only the old certificate, after the grace period', () => {
    const findings = rotationStalled([old, replacement], at('2030-01-01T02:00:00Z'));
    expect(findings.map((f) => f.source)).toEqual([cm2]);
    expect(findings[0]?.rule).toBe('rotation_stalled');
    expect(rotationStalled([old, replacement], at('2030-01-01T00:30:00Z'))).toEqual([]);
  });
});

describe('scanMissed', () => {
  const sched = { intervalMinutes: 60, missedScans: 3 };
  it.each([
    ['2030-01-01T02:59:00Z', undefined],
    ['2030-01-01T03:00:00Z', 'warning'],
    ['2030-01-01T12:00:00Z', 'critical'],
  ])('at %s → %s', (now, severity) => {
    expect(scanMissed('c1', '2030-01-01T00:00:00Z', undefined, at(now), sched)?.severity).toBe(severity);
  });
  it('uses the first sighting when the cluster never succeeded, and nothing on a first run', () => {
    expect(
      scanMissed('c1', undefined, '2030-01-01T00:00:00Z', at('2030-01-01T05:00:00Z'), sched)?.message,
    ).toMatch(/never/);
    expect(scanMissed('c1', undefined, undefined, at('2030-01-01T05:00:00Z'), sched)).toBeUndefined();
  });
});

describe('rotationObserved', () => {
  it('turns rotation events into info findings on the new certificate', () => {
    const [f] = rotationObserved([
      {
        cluster: 'c',
        at: 'x',
        type: 'rotated',
        fingerprint: 'a'.repeat(64),
        newFingerprint: 'b'.repeat(64),
        oldNotAfter: '1',
        newNotAfter: '2',
      },
      { cluster: 'c', at: 'x', type: 'appeared', fingerprint: 'c'.repeat(64) },
    ]);
    expect(f).toMatchObject({ severity: 'info', rule: 'rotation_observed', fingerprint: 'b'.repeat(64) });
  });
});
