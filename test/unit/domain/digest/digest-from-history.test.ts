/** digestInput / renewalLookups: the digest's selection from history, without a store. */
import {
  type DigestClusterHistory,
  digestInput,
  digestWindow,
  renewalLookups,
} from '#domain/digest/digest-from-history';
import type { CertificateRecord, ObservationRecord } from '#domain/history/records';

const now = new Date('2030-06-01T00:00:00Z');
const day = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString();
const tls = { kind: 'Secret', namespace: 'apps', name: 'web-tls', key: 'tls.crt' };

function cert(fingerprint: string, notAfter: string): CertificateRecord {
  return {
    fingerprint,
    subject: `CN=${fingerprint}`,
    issuer: 'CN=ca',
    serialNumber: '01',
    notBefore: day(-300),
    notAfter,
    level: 'leaf',
    role: 'cert-manager-certificate',
    spiffeIds: [],
  };
}

function observation(c: CertificateRecord, renewalTime?: string): ObservationRecord {
  return {
    fingerprint: c.fingerprint,
    subject: c.subject,
    sources: [tls],
    severity: 'ok',
    level: c.level,
    role: c.role,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    effectiveNotAfter: c.notAfter,
    firstSeenAt: day(-10),
    ...(renewalTime ? { renewalTime } : {}),
  };
}

function cluster(id: string, name: string, observations: ObservationRecord[]): DigestClusterHistory {
  const state = {
    cluster: id,
    observationsHash: 'h',
    certificates: observations.length,
    changedAt: day(-1),
    watchedSince: day(-30),
    name,
    where: id.split('|')[0],
  };
  const lastSummary = {
    cluster: id,
    at: day(0),
    status: 'ok' as const,
    lastSuccessAt: day(0),
    certificates: observations.length,
    findings: { info: 0, warning: 1, critical: 0 },
    blindSpots: 0,
  };
  return {
    overview: { cluster: id, state, lastSummary },
    history: { state, observations },
    alerts: [],
    events: [
      {
        cluster: id,
        at: day(-3),
        type: 'rotated',
        fingerprint: 'old',
        newFingerprint: 'x',
        oldNotAfter: day(1),
        newNotAfter: day(90),
        role: 'istio-ca',
        subject: 'CN=ca',
      },
      {
        cluster: id,
        at: day(-20),
        type: 'rotated',
        fingerprint: 'older',
        newFingerprint: 'y',
        oldNotAfter: day(1),
        newNotAfter: day(90),
        role: 'istio-ca',
        subject: 'CN=ca',
      },
    ],
  };
}

describe('digest selection from history', () => {
  const soon = cert('soon', day(5));
  const renewing = cert('renewing', day(200));
  const far = cert('far', day(300));
  const clusters = [
    cluster('111111111111|eu-west-1|prod', 'prod', [
      observation(soon, day(2)),
      observation(renewing, day(10)),
      observation(far),
    ]),
    cluster('222222222222|us-east-1|prod', 'prod', []),
  ];
  const window = digestWindow(now, 30, day(-7));

  it('asks for the facts of renewing certificates the expiry index did not return, once each', () => {
    expect(renewalLookups(window, clusters, [soon])).toEqual(['renewing']);
  });

  it('lists each due certificate once, expiring first, told by a label that tells same-named clusters apart', () => {
    const input = digestInput({ window, clusters, expiring: [soon], renewing: [renewing] });
    expect(input.upcoming.map((u) => u.fingerprint)).toEqual(['soon', 'renewing']);
    const names = input.clusters.map((c) => c.name);
    expect(new Set(names).size).toBe(2);
    expect(names.every((n) => n.startsWith('prod'))).toBe(true);
    expect(input.upcoming[0]?.cluster).toBe(names[0]);
    expect(input.clusters[0]).toMatchObject({ status: 'ok', certificateCount: 3, worstSeverity: 'warning' });
  });

  it('counts rotations strictly after the last digest only', () => {
    const input = digestInput({ window, clusters, expiring: [], renewing: [] });
    // One rotation after the marker in each cluster, one before it.
    expect(input.rotations).toHaveLength(2);
    const first = digestInput({
      window: digestWindow(now, 30, undefined),
      clusters,
      expiring: [],
      renewing: [],
    });
    expect(first.rotations).toHaveLength(4);
  });
});
