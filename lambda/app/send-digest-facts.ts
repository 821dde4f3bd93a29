/**
 * Reads what the digest needs from history: certificates expiring in the window (the notAfter
 * index) with where each is in use, cert-manager renewals due, rotations since the last digest,
 * open alerts, blind spots and per-cluster health. Read-only.
 */
import type {
  AlertRecord,
  CertificateRecord,
  ClusterHistory,
  ClusterOverview,
  HistoryEvent,
  ObservationRecord,
} from '../domain/history/records';
import { type ScanSchedule, scanMissed } from '../domain/history/scan-missed';
import type { Finding } from '../domain/model';
import type { HistoryStore } from '../ports/history-store';

/** Marker holding the time of the last delivered digest. */
export const LAST_DIGEST_MARKER = 'last-digest';

/** A certificate in use somewhere, with its cluster-level context. */
export interface DigestCertificate {
  readonly certificate: CertificateRecord;
  readonly cluster: string;
  readonly observation: ObservationRecord;
}

/** One cluster's health line. */
export interface DigestClusterHealth {
  readonly overview: ClusterOverview;
  /** Set when the cluster missed scans (a blind spot of its own). */
  readonly missed?: Finding;
}

/** Everything the digest says, straight from history. */
export interface DigestFacts {
  readonly now: Date;
  readonly until: Date;
  readonly days: number;
  /** Rotations are counted from here: the last digest, or `days` ago on the first one. */
  readonly since: Date;
  readonly expiring: readonly DigestCertificate[];
  readonly renewalsDue: readonly DigestCertificate[];
  readonly rotations: readonly HistoryEvent[];
  readonly openAlerts: readonly AlertRecord[];
  readonly clusters: readonly DigestClusterHealth[];
}

/** Certificates in use that expire (or whose cert-manager renewal falls) before `until`. */
async function dueCertificates(
  store: HistoryStore,
  clusters: readonly { overview: ClusterOverview; history: ClusterHistory }[],
  now: Date,
  until: Date,
): Promise<{ expiring: DigestCertificate[]; renewalsDue: DigestCertificate[] }> {
  // Already expired but still in use matters most; facts leave the table 90 days after notAfter.
  const expiringFacts = await store.certificatesExpiring(new Date(now.getTime() - 90 * 86_400_000), until);
  const byFingerprint = new Map(expiringFacts.map((c) => [c.fingerprint, c]));
  const expiring: DigestCertificate[] = [];
  const renewalsDue: DigestCertificate[] = [];
  for (const { overview, history } of clusters) {
    for (const observation of history.observations) {
      const certificate = byFingerprint.get(observation.fingerprint);
      if (certificate) expiring.push({ certificate, cluster: overview.cluster, observation });
      const renewal = observation.renewalTime ? Date.parse(observation.renewalTime) : Number.NaN;
      if (renewal < until.getTime()) {
        const facts = certificate ?? (await store.getCertificate(observation.fingerprint));
        if (facts) renewalsDue.push({ certificate: facts, cluster: overview.cluster, observation });
      }
    }
  }
  return { expiring, renewalsDue };
}

const byExpiry = (a: DigestCertificate, b: DigestCertificate) =>
  a.certificate.notAfter.localeCompare(b.certificate.notAfter);
const byRenewal = (a: DigestCertificate, b: DigestCertificate) =>
  (a.observation.renewalTime ?? '').localeCompare(b.observation.renewalTime ?? '');

function health(
  overview: ClusterOverview,
  history: ClusterHistory,
  now: Date,
  schedule: ScanSchedule | undefined,
): DigestClusterHealth {
  const lastSuccess = overview.lastSummary?.lastSuccessAt;
  const missed = scanMissed(overview.cluster, lastSuccess, history.state?.watchedSince, now, schedule);
  return { overview, ...(missed ? { missed } : {}) };
}

/** Gathers the digest facts for [now, now + days), plus what is already expired and still in use. */
export async function gatherDigestFacts(
  store: HistoryStore,
  now: Date,
  days: number,
  schedule?: ScanSchedule,
): Promise<DigestFacts> {
  const until = new Date(now.getTime() + days * 86_400_000);
  const marker = await store.getMarker(LAST_DIGEST_MARKER);
  const since = marker ? new Date(marker) : new Date(now.getTime() - days * 86_400_000);
  const overviews = await store.listClusters();
  const perCluster = await Promise.all(
    overviews.map(async (o) => ({
      overview: o,
      history: await store.loadCluster(o.cluster),
      alerts: await store.loadAlerts(o.cluster),
      events: await store.loadEvents(o.cluster, since),
    })),
  );
  const { expiring, renewalsDue } = await dueCertificates(store, perCluster, now, until);
  return {
    now,
    until,
    days,
    since,
    expiring: expiring.sort(byExpiry),
    renewalsDue: renewalsDue.sort(byRenewal),
    // Strictly after the marker: a rotation at the marker's instant went out in that digest.
    rotations: perCluster.flatMap((c) =>
      c.events.filter((e) => e.type === 'rotated' && (!marker || e.at > marker)),
    ),
    openAlerts: perCluster.flatMap((c) => c.alerts.filter((a) => a.state === 'open')),
    clusters: perCluster.map((c) => health(c.overview, c.history, now, schedule)),
  };
}
