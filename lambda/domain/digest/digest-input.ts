/** What the digest is built from: plain data the sendDigest use case gathers from history. */

import type { TrustGroup } from '../fleet-trust';
import type { Level, Mesh, Role, Severity } from '../model';

/** How a cluster's last scans went. */
export type ClusterScanStatus = 'ok' | 'partial' | 'unreachable';

/** One health line's worth of facts about a cluster. */
export interface DigestCluster {
  readonly name: string;
  readonly status: ClusterScanStatus;
  readonly lastScanAt?: Date;
  readonly lastSuccessAt?: Date;
  readonly certificateCount: number;
  readonly worstSeverity: Severity | 'ok';
}

/** The cert-manager Certificate behind a certificate: the object a person acts on. */
export interface DigestCertManagerRef {
  readonly namespace: string;
  readonly name: string;
  readonly secretName: string;
  readonly ready: boolean;
  readonly readyReason?: string;
  /** `ClusterIssuer/internal-ca`. */
  readonly issuer?: string;
}

/** A certificate that expires, or is due to be rotated, soon. */
export interface DigestUpcoming {
  readonly cluster: string;
  readonly mesh?: Mesh;
  readonly level: Level;
  readonly role: Role;
  /** Empty when only a Certificate's status is known (its Secret was not read). */
  readonly subject: string;
  /** Absent when only a Certificate's status is known (its Secret was not read). */
  readonly fingerprint?: string;
  /** Set when a cert-manager Certificate renews it: listed by name, with its own commands. */
  readonly certificate?: DigestCertManagerRef;
  readonly notAfter: Date;
  /** When it is due to be replaced: cert-manager renewalTime, workload rotation point. */
  readonly plannedRotationAt?: Date;
  /** True when something (cert-manager, istiod, the proxy) replaces it without a person. */
  readonly automatic: boolean;
  /** Next step for a person; defaults to the Certificate's commands, else `actionFor(…)`. */
  readonly action?: string;
}

/** A certificate replaced since the last digest (once, however many places held it). */
export interface DigestRotation {
  readonly cluster: string;
  readonly role: Role;
  readonly subject: string;
  /** Where it was replaced, e.g. `Secret cert-manager/internal-ca (ca.crt, tls.crt)`. */
  readonly places?: readonly string[];
  readonly oldNotAfter: Date;
  readonly newNotAfter: Date;
  readonly at: Date;
}

/** An alert that is still open. */
export interface DigestOpenAlert {
  readonly cluster: string;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
  readonly openedAt: Date;
}

/** A source that could not be read on the last scan. */
export interface DigestBlindSpot {
  readonly cluster: string;
  readonly source: string;
  readonly reason: string;
  readonly detail: string;
}

/** Everything one digest needs; `now` is given (the domain reads no clock). */
export interface DigestInput {
  readonly now: Date;
  /** Days ahead to look. @default 30 */
  readonly windowDays?: number;
  readonly clusters: readonly DigestCluster[];
  readonly upcoming: readonly DigestUpcoming[];
  /** Rotations since the last digest. */
  readonly rotations: readonly DigestRotation[];
  readonly openAlerts: readonly DigestOpenAlert[];
  readonly blindSpots: readonly DigestBlindSpot[];
  /** Linked clusters per mesh and the roots they trust (fleet trust). @default [] */
  readonly trustGroups?: readonly TrustGroup[];
}

/** The rendered digest: plain text for email, a subject, a short summary for chat (the port's DigestMessage). */
export interface RenderedDigest {
  readonly subject: string;
  readonly text: string;
  readonly summary: string;
}
