/**
 * planScanRecord: what recording a scan decides, without a store. The history after a scan is the
 * previous history with the plan's changes applied (as a store would), so a sequence of scans is
 * table-driven here.
 */
import type { ClusterHistory } from '#domain/history/records';
import { planScanRecord, type ScanToRecord } from '#domain/history/scan-record';
import type { Finding } from '#domain/model';
import { type AssessedSpec, assessed, fingerprintOf } from '#support/fakes/assessed-certificate';

const secret = { kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'ca-cert.pem' };
const spec = (name: string, notAfter = '2031-01-01T00:00:00Z'): AssessedSpec => ({
  name,
  notBefore: '2020-01-01T00:00:00Z',
  notAfter,
  sources: [secret],
  level: 'root',
  role: 'istio-root',
  mesh: 'istio',
});
const now = new Date('2030-12-12T00:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3600_000);
const empty: ClusterHistory = { observations: [] };

function scanOf(status: ScanToRecord['status'], names: string[], findings: Finding[] = []): ScanToRecord {
  return {
    cluster: 'prod',
    status,
    assessment: { certificates: names.map((n) => assessed(spec(n))), findings, errors: [] },
  };
}

/** The history a store holds after saving `plan.changes` over `before`. */
function apply(before: ClusterHistory, plan: ReturnType<typeof planScanRecord>): ClusterHistory {
  const { changes } = plan;
  const gone = new Set(changes.deleteObservations);
  const put = new Map(changes.putObservations.map((o) => [o.fingerprint, o]));
  const kept = before.observations.filter((o) => !gone.has(o.fingerprint) && !put.has(o.fingerprint));
  return {
    ...((changes.state ?? before.state) ? { state: changes.state ?? before.state } : {}),
    observations: [...kept, ...put.values()],
    lastSummary: changes.summary,
  };
}

describe('planScanRecord', () => {
  it('records a first scan: appeared events, the new certificates, a state and a summary', () => {
    const plan = planScanRecord(scanOf('ok', ['root']), empty, now);
    expect(plan.events.map((e) => e.type)).toEqual(['appeared']);
    expect(plan.changes.certificates.map((c) => c.fingerprint)).toEqual([fingerprintOf('root')]);
    expect(plan.changes.state).toMatchObject({
      cluster: 'prod',
      certificates: 1,
      watchedSince: now.toISOString(),
    });
    expect(plan.changes.summary).toMatchObject({
      status: 'ok',
      certificates: 1,
      lastSuccessAt: now.toISOString(),
    });
  });

  it('writes only a summary when nothing changed', () => {
    const first = planScanRecord(scanOf('ok', ['root']), empty, now);
    const again = planScanRecord(scanOf('ok', ['root']), apply(empty, first), later(1));
    expect(again.events).toEqual([]);
    expect(again.changes.state).toBeUndefined();
    expect(again.changes.certificates).toEqual([]);
    expect(again.changes.putObservations).toEqual([]);
    expect(again.changes.deleteObservations).toEqual([]);
  });

  it('keeps what an unreachable scan cannot see and reports the last success', () => {
    const first = planScanRecord(scanOf('ok', ['root']), empty, now);
    const down = planScanRecord(scanOf('unreachable', []), apply(empty, first), later(1));
    expect(down.events).toEqual([]);
    expect(down.changes.deleteObservations).toEqual([]);
    expect(down.changes.summary).toMatchObject({
      status: 'unreachable',
      certificates: 1,
      lastSuccessAt: now.toISOString(),
    });
  });

  it('reports a certificate gone from a complete scan as disappeared', () => {
    const first = planScanRecord(scanOf('ok', ['root', 'old']), empty, now);
    const next = planScanRecord(scanOf('ok', ['root']), apply(empty, first), later(1));
    expect(next.changes.deleteObservations).toEqual([fingerprintOf('old')]);
    expect(next.events.map((e) => e.type)).toContain('disappeared');
  });

  it('adds the findings only history can tell after the scan’s own, and counts them by severity', () => {
    const own: Finding = { severity: 'warning', rule: 'root_expiring', message: 'soon' };
    const first = planScanRecord(scanOf('ok', ['root']), empty, now);
    // Two days without a successful scan at the default hourly schedule: scan_missed.
    const history = apply(empty, first);
    const down = planScanRecord(scanOf('unreachable', [], [own]), history, later(48));
    expect(down.findings[0]).toBe(own);
    expect(down.findings.map((f) => f.rule)).toContain('scan_missed');
    expect(down.changes.summary.findings.warning + down.changes.summary.findings.critical).toBe(
      down.findings.filter((f) => f.severity !== 'info').length,
    );
  });

  it('keeps at most 20 blind spots on the summary, each shortened', () => {
    const failures = Array.from({ length: 30 }, (_, i) => ({
      source: 'istio',
      reason: 'permission_denied' as const,
      detail: `${i} ${'x'.repeat(500)}`,
    }));
    const plan = planScanRecord({ ...scanOf('partial', ['root']), failures }, empty, now);
    expect(plan.changes.summary.blindSpots).toBe(30);
    expect(plan.changes.summary.blindSpotDetails).toHaveLength(20);
    expect(plan.changes.summary.blindSpotDetails?.[0]?.detail.length).toBe(300);
  });
});
