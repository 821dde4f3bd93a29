/**
 * The digest's selection from history, without I/O: which certificates come due in the window
 * (expiring, or renewing by cert-manager or a planned rotation, listed once each; cert-manager
 * Certificates known only from their status), the rotations since the last digest, open alerts,
 * blind spots and each cluster's health, told by the cluster names people read. sendDigest
 * (lambda/app) reads what {@link DigestHistory} holds and renders the result with buildDigest.
 */
import { type ClusterIdentity, clusterLabels, plainClusterIdentity } from '../cluster-identity';
import {
  type AlertRecord,
  type CertificateRecord,
  type CertManagerRecord,
  type ClusterHistory,
  type ClusterOverview,
  type HistoryEvent,
  type ObservationRecord,
  stateIdentity,
} from '../history/records';
import { rotationPoint, WORKLOAD_RENEWAL_FRACTION } from '../history/rotation-point';
import { type ScanSchedule, scanMissed } from '../history/scan-missed';
import type { Finding } from '../model';
import { upstreamDigestAction } from '../remediation';
import { DAY_MS } from '../time';
import type { DigestCertManagerRef, DigestCluster, DigestInput, DigestUpcoming } from './digest-input';
import { digestRotations } from './digest-rotations';

/** Marker holding the time of the last delivered digest. */
export const LAST_DIGEST_MARKER = 'last-digest';

/** Certificates leave the expiry index this long after notAfter: already expired but in use matters most. */
const EXPIRED_LOOKBACK_MS = 90 * DAY_MS;

/** The instants a digest at `now` looking `days` ahead reads history between. */
export interface DigestWindow {
  readonly now: Date;
  readonly days: number;
  /** End of the window. */
  readonly until: Date;
  /** Rotations are counted from here: the last digest, or `days` ago on the first one. */
  readonly since: Date;
  /** The last digest's instant, when there was one. */
  readonly marker?: string;
  /** Start of the expiry-index query. */
  readonly expiringFrom: Date;
}

/** The window of a digest at `now`, `days` ahead, after the digest delivered at `marker`. */
export function digestWindow(now: Date, days: number, marker: string | undefined): DigestWindow {
  return {
    now,
    days,
    until: new Date(now.getTime() + days * DAY_MS),
    since: marker ? new Date(marker) : new Date(now.getTime() - days * DAY_MS),
    ...(marker ? { marker } : {}),
    expiringFrom: new Date(now.getTime() - EXPIRED_LOOKBACK_MS),
  };
}

/** One cluster's history as the store gives it (keyed by id). */
export interface DigestClusterHistory {
  readonly overview: ClusterOverview;
  readonly history: ClusterHistory;
  readonly alerts: readonly AlertRecord[];
  /** Events since the window's `since`. */
  readonly events: readonly HistoryEvent[];
}

/** What the digest reads from history. */
export interface DigestHistory {
  readonly window: DigestWindow;
  readonly clusters: readonly DigestClusterHistory[];
  /** Certificate facts from the expiry index, [expiringFrom, until). */
  readonly expiring: readonly CertificateRecord[];
  /** Facts of the certificates {@link renewalLookups} named. */
  readonly renewing: readonly CertificateRecord[];
}

/** Cluster, observation and the Certificate writing its Secret's tls.crt, when known. */
interface Owned {
  readonly cluster: string;
  readonly observation: ObservationRecord;
  readonly certManager?: CertManagerRecord;
}

/** A certificate in use somewhere, with its facts. */
interface DueCertificate extends Owned {
  readonly certificate: CertificateRecord;
}

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

const renewsBefore = (o: ObservationRecord, until: Date) => Date.parse(o.renewalTime ?? '') < until.getTime();

/** Fingerprints of certificates renewing in the window whose facts the expiry index did not give. */
export function renewalLookups(
  window: DigestWindow,
  clusters: readonly DigestClusterHistory[],
  expiring: readonly CertificateRecord[],
): string[] {
  const known = new Set(expiring.map((c) => c.fingerprint));
  const out = new Set<string>();
  for (const { history } of clusters)
    for (const o of history.observations)
      if (renewsBefore(o, window.until) && !known.has(o.fingerprint)) out.add(o.fingerprint);
  return [...out];
}

/**
 * Certificates whose Secret was not read (no observation holds them): their status alone says when
 * they renew and expire. A Secret that was read lists its certificate once, through the observation.
 */
function statusOnly(history: ClusterHistory, owned: readonly Owned[], until: Date): CertManagerRecord[] {
  const covered = new Set(owned.map((o) => o.certManager).filter((r) => r !== undefined));
  const due = (r: CertManagerRecord) =>
    r.notAfter !== undefined && Date.parse(r.renewalTime ?? r.notAfter) < until.getTime();
  return (history.certManager ?? []).filter((r) => !covered.has(r) && due(r));
}

function refOf(r: CertManagerRecord): DigestCertManagerRef {
  return {
    namespace: r.namespace,
    name: r.name,
    secretName: r.secretName,
    ready: r.ready,
    ...(r.readyReason ? { readyReason: r.readyReason } : {}),
    ...(r.issuer ? { issuer: r.issuer } : {}),
  };
}

function observedItem(item: DueCertificate): DigestUpcoming {
  const { certificate: c, observation: o } = item;
  const planned = rotationPoint(o);
  const automatic =
    o.renewalTime !== undefined ||
    (o.level === 'leaf' && o.mesh !== undefined && o.mesh in WORKLOAD_RENEWAL_FRACTION);
  const upstream = upstreamDigestAction(o.sources);
  return {
    cluster: item.cluster,
    ...(c.mesh ? { mesh: c.mesh } : {}),
    level: o.level,
    role: o.role,
    subject: c.subject,
    fingerprint: c.fingerprint,
    ...(item.certManager ? { certificate: refOf(item.certManager) } : {}),
    notAfter: new Date(c.notAfter),
    ...(planned ? { plannedRotationAt: planned } : {}),
    automatic,
    ...(upstream ? { action: upstream } : {}),
  };
}

/** A Certificate whose Secret was not read: its status gives the dates, spec.isCA the level. */
function statusOnlyItem(cluster: string, r: CertManagerRecord): DigestUpcoming {
  return {
    cluster,
    mesh: 'cert-manager',
    level: r.isCA ? 'intermediate' : 'leaf',
    role: r.isCA ? 'cert-manager-ca' : 'cert-manager-certificate',
    subject: '',
    certificate: refOf(r),
    notAfter: new Date(r.notAfter ?? Number.NaN),
    ...(r.renewalTime ? { plannedRotationAt: new Date(r.renewalTime) } : {}),
    automatic: true,
  };
}

const byExpiry = (a: DueCertificate, b: DueCertificate) =>
  a.certificate.notAfter.localeCompare(b.certificate.notAfter);
const byRenewal = (a: DueCertificate, b: DueCertificate) =>
  (a.observation.renewalTime ?? '').localeCompare(b.observation.renewalTime ?? '');
const byStatusDue = (a: { record: CertManagerRecord }, b: { record: CertManagerRecord }) =>
  (a.record.renewalTime ?? a.record.notAfter ?? '').localeCompare(
    b.record.renewalTime ?? b.record.notAfter ?? '',
  );

/**
 * Every upcoming item once: observed certificates expiring (soonest first), then renewing (an
 * observation both expiring and renewing is one item), then Certificates known only from status.
 */
function upcoming(history: DigestHistory, labelled: readonly DigestClusterHistory[]): DigestUpcoming[] {
  const { until } = history.window;
  const expiringFacts = new Map(history.expiring.map((c) => [c.fingerprint, c]));
  const facts = new Map([...history.renewing.map((c) => [c.fingerprint, c] as const), ...expiringFacts]);
  const expiring: DueCertificate[] = [];
  const renewing: DueCertificate[] = [];
  const status: { cluster: string; record: CertManagerRecord }[] = [];
  for (const { overview, history: h } of labelled) {
    const owned = withOwners(overview.cluster, h);
    for (const item of owned) {
      const certificate = expiringFacts.get(item.observation.fingerprint);
      if (certificate) expiring.push({ ...item, certificate });
      if (renewsBefore(item.observation, until)) {
        const known = facts.get(item.observation.fingerprint);
        if (known) renewing.push({ ...item, certificate: known });
      }
    }
    status.push(...statusOnly(h, owned, until).map((record) => ({ cluster: overview.cluster, record })));
  }
  const seen = new Set<string>();
  const once = [...expiring.sort(byExpiry), ...renewing.sort(byRenewal)].filter((i) => {
    const key = `${i.cluster}|${i.certificate.fingerprint}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [
    ...once.map(observedItem),
    ...status.sort(byStatusDue).map((s) => statusOnlyItem(s.cluster, s.record)),
  ];
}

function worstOf(overview: ClusterOverview, missed: Finding | undefined): DigestCluster['worstSeverity'] {
  if (missed?.severity === 'critical') return 'critical';
  const s = overview.lastSummary;
  if (!s) return 'ok';
  if (s.findings.critical > 0) return 'critical';
  if (s.findings.warning > 0) return 'warning';
  return s.findings.info > 0 ? 'info' : 'ok';
}

function healthLine(overview: ClusterOverview, missed: Finding | undefined): DigestCluster {
  const s = overview.lastSummary;
  return {
    name: overview.cluster,
    status: s?.status ?? 'unreachable',
    ...(s ? { lastScanAt: new Date(s.at) } : {}),
    ...(s?.lastSuccessAt ? { lastSuccessAt: new Date(s.lastSuccessAt) } : {}),
    certificateCount: overview.state?.certificates ?? 0,
    worstSeverity: worstOf(overview, missed),
  };
}

function overviewIdentity(o: ClusterOverview): ClusterIdentity {
  return o.state ? stateIdentity(o.state) : plainClusterIdentity(o.cluster);
}

/** The digest's input from what was read of history. */
export function digestInput(history: DigestHistory, schedule?: ScanSchedule): DigestInput {
  const { now, days, marker } = history.window;
  // Loaded by id, told by name: every cluster field of the digest is the label people read.
  const labels = clusterLabels(history.clusters.map((c) => overviewIdentity(c.overview)));
  const labelled = history.clusters.map((c) => {
    const cluster = labels.get(c.overview.cluster) ?? c.overview.cluster;
    return {
      overview: { ...c.overview, cluster },
      history: c.history,
      alerts: c.alerts.map((a) => ({ ...a, cluster })),
      events: c.events.map((e) => ({ ...e, cluster })),
    };
  });
  const health = labelled.map(({ overview, history: h }) => {
    const lastSuccess = overview.lastSummary?.lastSuccessAt;
    const missed = scanMissed(overview.cluster, lastSuccess, h.state?.watchedSince, now, schedule);
    return { overview, missed };
  });
  return {
    now,
    windowDays: days,
    clusters: health.map(({ overview, missed }) => healthLine(overview, missed)),
    upcoming: upcoming(history, labelled),
    // Strictly after the marker: a rotation at the marker's instant went out in that digest.
    rotations: digestRotations(
      labelled.flatMap((c) => c.events.filter((e) => e.type === 'rotated' && (!marker || e.at > marker))),
    ),
    openAlerts: labelled
      .flatMap((c) => c.alerts.filter((a) => a.state === 'open'))
      .map((a) => ({
        cluster: a.cluster,
        severity: a.severity,
        rule: a.finding.rule,
        message: a.finding.message,
        openedAt: new Date(a.openedAt),
      })),
    blindSpots: health.flatMap(({ overview, missed }) => [
      ...(missed
        ? [{ cluster: overview.cluster, source: 'scanner', reason: 'scan_missed', detail: missed.message }]
        : []),
      ...(overview.lastSummary?.blindSpotDetails ?? []).map((b) => ({ cluster: overview.cluster, ...b })),
    ]),
  };
}
