/**
 * Reads what the digest needs from history: certificates expiring in the window (the notAfter
 * index) with where each is in use, cert-manager renewals due (from observed Secrets, or from the
 * Certificate's status alone when its Secret is not read), rotations since the last digest, open
 * alerts, blind spots and per-cluster health. Read-only.
 */
import { type ClusterIdentity, clusterLabels, plainClusterIdentity } from '../domain/cluster-identity';
import {
  type AlertRecord,
  type CertificateRecord,
  type CertManagerRecord,
  type ClusterHistory,
  type ClusterOverview,
  type HistoryEvent,
  type ObservationRecord,
  stateIdentity,
} from '../domain/history/records';
import { type ScanSchedule, scanMissed } from '../domain/history/scan-missed';
import type { Finding } from '../domain/model';
import { DAY_MS } from '../domain/time';
import type { HistoryStore } from '../ports/history-store';

/** Marker holding the time of the last delivered digest. */
export const LAST_DIGEST_MARKER = 'last-digest';

/** A certificate in use somewhere, with its cluster-level context. */
export interface DigestCertificate {
  readonly certificate: CertificateRecord;
  readonly cluster: string;
  readonly observation: ObservationRecord;
  /** The cert-manager Certificate writing it (its Secret's tls.crt), when known. */
  readonly certManager?: CertManagerRecord;
}

/** A cert-manager Certificate known only from its status (its Secret was not read). */
export interface DigestCertManager {
  readonly cluster: string;
  readonly record: CertManagerRecord;
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
  /** Certificates due before `until` whose Secret holds no observed certificate. */
  readonly certManager: readonly DigestCertManager[];
  readonly rotations: readonly HistoryEvent[];
  readonly openAlerts: readonly AlertRecord[];
  readonly clusters: readonly DigestClusterHealth[];
}

/** Cluster, observation and the Certificate writing its Secret's tls.crt, when known. */
type Owned = { cluster: string; observation: ObservationRecord; certManager?: CertManagerRecord };

/** Pairs each observation with the Certificate whose Secret holds it in tls.crt, if any. */
function withOwners(cluster: string, history: ClusterHistory): Owned[] {
  const bySecret = new Map((history.certManager ?? []).map((r) => [`${r.namespace}/${r.secretName}`, r]));
  return history.observations.map((observation) => {
    const owner = observation.sources
      .filter((s) => s.kind === 'Secret' && s.key === 'tls.crt')
      .map((s) => bySecret.get(`${s.namespace ?? ''}/${s.name}`))
      .find((r) => r !== undefined);
    return { cluster, observation, ...(owner ? { certManager: owner } : {}) };
  });
}

/**
 * Certificates whose Secret was not read (no observation holds them): their status alone says when
 * they renew and expire. A Secret that was read lists its certificate once, through the observation.
 */
function statusOnly(cluster: string, history: ClusterHistory, owned: readonly Owned[], until: Date) {
  const covered = new Set(owned.map((o) => o.certManager).filter((r) => r !== undefined));
  const due = (r: CertManagerRecord) =>
    r.notAfter !== undefined && Date.parse(r.renewalTime ?? r.notAfter) < until.getTime();
  return (history.certManager ?? [])
    .filter((r) => !covered.has(r) && due(r))
    .map((record) => ({ cluster, record }));
}

/** Certificates in use that expire (or whose cert-manager renewal falls) before `until`. */
async function dueCertificates(
  store: HistoryStore,
  clusters: readonly { overview: ClusterOverview; history: ClusterHistory }[],
  now: Date,
  until: Date,
): Promise<{
  expiring: DigestCertificate[];
  renewalsDue: DigestCertificate[];
  certManager: DigestCertManager[];
}> {
  // Already expired but still in use matters most; facts leave the table 90 days after notAfter.
  const expiringFacts = await store.certificatesExpiring(new Date(now.getTime() - 90 * DAY_MS), until);
  const byFingerprint = new Map(expiringFacts.map((c) => [c.fingerprint, c]));
  const expiring: DigestCertificate[] = [];
  const renewalsDue: DigestCertificate[] = [];
  const certManager: DigestCertManager[] = [];
  for (const { overview, history } of clusters) {
    const owned = withOwners(overview.cluster, history);
    for (const item of owned) {
      const certificate = byFingerprint.get(item.observation.fingerprint);
      if (certificate) expiring.push({ ...item, certificate });
      const renewal = Date.parse(item.observation.renewalTime ?? '');
      if (renewal < until.getTime()) {
        const facts = certificate ?? (await store.getCertificate(item.observation.fingerprint));
        if (facts) renewalsDue.push({ ...item, certificate: facts });
      }
    }
    certManager.push(...statusOnly(overview.cluster, history, owned, until));
  }
  return { expiring, renewalsDue, certManager };
}

const byExpiry = (a: DigestCertificate, b: DigestCertificate) =>
  a.certificate.notAfter.localeCompare(b.certificate.notAfter);
const byRenewal = (a: DigestCertificate, b: DigestCertificate) =>
  (a.observation.renewalTime ?? '').localeCompare(b.observation.renewalTime ?? '');

const byStatusDue = (a: DigestCertManager, b: DigestCertManager) =>
  (a.record.renewalTime ?? a.record.notAfter ?? '').localeCompare(
    b.record.renewalTime ?? b.record.notAfter ?? '',
  );

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

function overviewIdentity(o: ClusterOverview): ClusterIdentity {
  return o.state ? stateIdentity(o.state) : plainClusterIdentity(o.cluster);
}

/** Gathers the digest facts for [now, now + days), plus what is already expired and still in use. */
export async function gatherDigestFacts(
  store: HistoryStore,
  now: Date,
  days: number,
  schedule?: ScanSchedule,
): Promise<DigestFacts> {
  const until = new Date(now.getTime() + days * DAY_MS);
  const marker = await store.getMarker(LAST_DIGEST_MARKER);
  const since = marker ? new Date(marker) : new Date(now.getTime() - days * DAY_MS);
  const overviews = await store.listClusters();
  // Loaded by id, told by name: every cluster field of the facts is the label people read.
  const labels = clusterLabels(overviews.map(overviewIdentity));
  const perCluster = await Promise.all(
    overviews.map(async (o) => {
      const cluster = labels.get(o.cluster) ?? o.cluster;
      return {
        overview: { ...o, cluster },
        history: await store.loadCluster(o.cluster),
        alerts: (await store.loadAlerts(o.cluster)).map((a) => ({ ...a, cluster })),
        events: (await store.loadEvents(o.cluster, since)).map((e) => ({ ...e, cluster })),
      };
    }),
  );
  const { expiring, renewalsDue, certManager } = await dueCertificates(store, perCluster, now, until);
  return {
    now,
    until,
    days,
    since,
    expiring: expiring.sort(byExpiry),
    renewalsDue: renewalsDue.sort(byRenewal),
    certManager: certManager.sort(byStatusDue),
    // Strictly after the marker: a rotation at the marker's instant went out in that digest.
    rotations: perCluster.flatMap((c) =>
      c.events.filter((e) => e.type === 'rotated' && (!marker || e.at > marker)),
    ),
    openAlerts: perCluster.flatMap((c) => c.alerts.filter((a) => a.state === 'open')),
    clusters: perCluster.map((c) => health(c.overview, c.history, now, schedule)),
  };
}
