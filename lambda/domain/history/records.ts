/**
 * The shapes certwatch keeps between scans: certificate facts (no DER, no key material), current
 * observations per cluster, events, scan summaries and alert state. Pure types plus tiny helpers.
 * May import: ../model and ../cluster-identity only.
 */
import type { ClusterIdentity } from '../cluster-identity';
import type { CertSeverity, Finding, Level, Mesh, Severity, SourceLocation } from '../model';

/** Facts kept once per fingerprint. Deliberately no `der` and nothing key-related beyond names. */
export interface CertificateRecord {
  readonly fingerprint: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly level: Level;
  readonly role: string;
  readonly mesh?: Mesh;
  /** The first SPIFFE IDs (bounded: see stored-text.ts). */
  readonly spiffeIds: readonly string[];
  /** How many SPIFFE IDs in all, when more than `spiffeIds` holds. @default spiffeIds.length */
  readonly spiffeIdsTotal?: number;
}

/** A certificate as currently seen in one cluster, with every place it was seen. */
export interface ObservationRecord {
  readonly fingerprint: string;
  readonly subject: string;
  /** The first places it was seen (bounded: see MAX_STORED_SOURCES in observations.ts). */
  readonly sources: readonly SourceLocation[];
  /** How many places in all, when more than `sources` holds. @default sources.length */
  readonly sourcesTotal?: number;
  readonly severity: CertSeverity;
  readonly level: Level;
  readonly role: string;
  readonly mesh?: Mesh;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly effectiveNotAfter: string;
  /** When this fingerprint was first seen in this cluster (ISO). */
  readonly firstSeenAt: string;
  /** cert-manager `status.renewalTime` of the Certificate owning this secret, when known. */
  readonly renewalTime?: string;
  /** Set when a source replaced this certificate by another one: the replacement's fingerprint. */
  readonly supersededBy?: string;
  readonly supersededAt?: string;
}

/**
 * What history keeps of one cert-manager Certificate's status: enough for the digest to place its
 * renewal when its Secret is not read (least privilege). Rewritten only when a field changes, so no
 * free-text condition message (it would churn).
 */
export interface CertManagerRecord {
  readonly namespace: string;
  readonly name: string;
  readonly secretName: string;
  readonly ready: boolean;
  readonly readyReason?: string;
  readonly notAfter?: string;
  readonly renewalTime?: string;
  /** spec.isCA: the Secret holds a CA certificate. */
  readonly isCA?: boolean;
  /** `ClusterIssuer/internal-ca`. */
  readonly issuer?: string;
}

/** Stable event types; never renamed once stored. */
export type HistoryEventType = 'appeared' | 'rotated' | 'disappeared' | 'severity_changed';

/** Something that changed in a cluster between two scans. */
export interface HistoryEvent {
  readonly cluster: string;
  readonly at: string;
  readonly type: HistoryEventType;
  readonly fingerprint: string;
  readonly subject?: string;
  readonly role?: string;
  readonly source?: SourceLocation;
  /** rotated: the certificate that replaced `fingerprint`. */
  readonly newFingerprint?: string;
  readonly oldNotAfter?: string;
  readonly newNotAfter?: string;
  /** severity_changed: before and after. */
  readonly fromSeverity?: CertSeverity;
  readonly toSeverity?: CertSeverity;
}

/** Scan outcome as the scanner reports it. */
export type ScanStatus = 'ok' | 'partial' | 'unreachable';

/** One scan of one cluster. `lastSuccessAt` is carried forward so the newest summary says it all. */
export interface ScanSummary {
  readonly cluster: string;
  readonly at: string;
  readonly status: ScanStatus;
  readonly lastSuccessAt?: string;
  readonly certificates: number;
  readonly findings: Readonly<Record<Severity, number>>;
  readonly blindSpots: number;
  /** What could not be read (first few, details shortened): the digest's blind spots. */
  readonly blindSpotDetails?: readonly BlindSpotRecord[];
}

/** One source that could not be read on a scan. */
export interface BlindSpotRecord {
  readonly source: string;
  readonly reason: string;
  readonly detail: string;
}

/** Compact per-cluster state: rewritten only when the observations change. */
export interface ClusterState {
  readonly cluster: string;
  readonly observationsHash: string;
  readonly certificates: number;
  readonly changedAt: string;
  /** First scan ever recorded for this cluster (carried forward). */
  readonly watchedSince: string;
  /** Friendly name (ClusterIdentity.name). @default - the id (`cluster`), for items from before identities */
  readonly name?: string;
  /** What tells it from another cluster of the same name (ClusterIdentity.where). */
  readonly where?: string;
}

/** The identity a stored cluster state carries (older items: the id is the name). */
export function stateIdentity(state: ClusterState): ClusterIdentity {
  return {
    id: state.cluster,
    name: state.name ?? state.cluster,
    ...(state.where ? { where: state.where } : {}),
  };
}

/** What a store returns for one cluster before a scan is recorded. */
export interface ClusterHistory {
  readonly state?: ClusterState;
  readonly observations: readonly ObservationRecord[];
  readonly lastSummary?: ScanSummary;
  /** cert-manager Certificates last seen in this cluster. @default [] */
  readonly certManager?: readonly CertManagerRecord[];
}

/** Everything one scan writes; empty lists and an absent `state` mean "nothing changed". */
export interface ScanChanges {
  readonly cluster: string;
  readonly summary: ScanSummary;
  readonly state?: ClusterState;
  readonly certificates: readonly CertificateRecord[];
  readonly putObservations: readonly ObservationRecord[];
  readonly deleteObservations: readonly string[];
  readonly events: readonly HistoryEvent[];
  /** cert-manager Certificates new or changed since the last scan. @default [] */
  readonly putCertManager?: readonly CertManagerRecord[];
  /** `namespace/name` of cert-manager Certificates gone since the last scan. @default [] */
  readonly deleteCertManager?: readonly string[];
}

/** What was last delivered on one channel for one alert. */
export interface ChannelState {
  readonly state: 'open' | 'resolved';
  readonly severity: Severity;
  readonly notifiedAt: string;
  /** Thread reference of the opening message (Slack `ts`, SNS MessageId). */
  readonly ref?: string;
}

/**
 * A delivery started and not yet confirmed: it may have landed. Recorded before sending, so a run
 * that dies after the channel accepted can find the message (or its subscribers drop the copy).
 */
export interface DeliveryAttempt {
  readonly transition: 'opened' | 'escalated' | 'renotified' | 'resolved';
  /** Same for every try of this transition: what lookups and subscribers match on. */
  readonly deliveryId: string;
  /** 1 for the first try, one more per retry. */
  readonly attempt: number;
  /** When the first try started (wall clock): lookups search from here. */
  readonly since: string;
}

/** Alert state per finding key. Channel entries advance only after that channel confirms delivery. */
export interface AlertRecord {
  readonly key: string;
  readonly cluster: string;
  readonly state: 'open' | 'resolved';
  readonly severity: Severity;
  readonly finding: Finding;
  readonly openedAt: string;
  readonly resolvedAt?: string;
  readonly subject?: string;
  readonly channels: Readonly<Record<string, ChannelState>>;
  /** Deliveries in flight per channel (see DeliveryAttempt). @default {} */
  readonly attempts?: Readonly<Record<string, DeliveryAttempt>>;
  /** Set when the cluster was retired: why the alert resolved. */
  readonly resolvedNote?: string;
  /** The stored item's version: every write is conditional on it and bumps it. @default 0 */
  readonly version?: number;
}

/** When the dispatcher last meant to scan a cluster, and whether it retired it (retirement.ts). */
export interface ClusterSighting {
  /** Cluster id. */
  readonly cluster: string;
  /** Last dispatch (configured or discovered), refreshed at most daily. */
  readonly lastDispatchedAt: string;
  /** Set once its alerts resolved as retired; a later dispatch or scan brings it back. */
  readonly retiredAt?: string;
}

/** One line per cluster for the digest and `certwatch history`. */
export interface ClusterOverview {
  readonly cluster: string;
  readonly state?: ClusterState;
  readonly lastSummary?: ScanSummary;
  /** Only for clusters a deployed dispatcher has seen. */
  readonly sighting?: ClusterSighting;
}
