/**
 * What recording one scan decides, without I/O: the scan's findings plus those only history can
 * tell (rotations, stalls, missed scans), and the changes to write — summary, compact state, new
 * certificates, observations diff, events, cert-manager status. recordScan (lambda/app) loads the
 * history, calls {@link planScanRecord}, saves `changes` and drives the alerts.
 */
import { boundedFinding, boundedText } from '../bounded-text';
import { type ClusterIdentity, plainClusterIdentity } from '../cluster-identity';
import type { Assessment, Finding, Severity } from '../model';
import { sourceKey } from '../model';
import type { SourceSignal } from '../signals';
import type { SourceFailure, SourceRead } from '../source-failure';
import { carriedOver, meshReadCompletely, type ReadCoverage } from './carry-over';
import { diffCertManager, toCertManagerRecords } from './cert-manager-records';
import { diffObservations, type ObservationDiff } from './diff';
import { observationsHash, toCertificateRecord, toObservations } from './observations';
import type {
  ClusterHistory,
  ClusterState,
  HistoryEvent,
  ObservationRecord,
  ScanChanges,
  ScanStatus,
  ScanSummary,
} from './records';
import { rotationObserved } from './rotation-observed';
import { rotationOverdue } from './rotation-overdue';
import { rotationStalled } from './rotation-stalled';
import { type ScanSchedule, scanMissed } from './scan-missed';
import { storedName } from './stored-text';

/** One scan of one cluster, as the scanner produced it. */
export interface ScanToRecord {
  /** The cluster's id (ClusterIdentity.id): what history and alerts key on. */
  readonly cluster: string;
  /** Name and place shown to people. @default - the id is the name */
  readonly identity?: ClusterIdentity;
  readonly assessment: Assessment;
  readonly status: ScanStatus;
  readonly signals?: readonly SourceSignal[];
  /** Sources or objects that could not be read this scan. @default failures.length */
  readonly blindSpots?: number;
  /** What could not be read; kept (shortened) on the summary for the digest. */
  readonly failures?: readonly SourceFailure[];
  /** How completely each source was read; without it a partial scan carries over everything unseen. */
  readonly sources?: readonly SourceRead[];
}

/** What recording a scan decided. */
export interface ScanRecordPlan {
  /** The scan's findings, then those only history can tell. */
  readonly findings: readonly Finding[];
  /** What to write (one saveScan). */
  readonly changes: ScanChanges;
  readonly events: readonly HistoryEvent[];
  /** How completely each source was read, and what this scan saw (alert resolution depends on it). */
  readonly coverage: ReadCoverage;
}

/** Blind spots kept per summary: enough for the digest, bounded so the item stays small. */
const MAX_BLIND_SPOTS = 20;

/** The cluster's identity; inputs without one are keyed and named by their id. */
export function identityOf(input: { cluster: string; identity?: ClusterIdentity }): ClusterIdentity {
  return input.identity ?? plainClusterIdentity(input.cluster);
}

/** Decides what recording `scan` against `history` at `now` writes and finds. */
export function planScanRecord(
  scan: ScanToRecord,
  history: ClusterHistory,
  now: Date,
  schedule?: ScanSchedule,
): ScanRecordPlan {
  const at = now.toISOString();
  const reached = scan.status !== 'unreachable';
  const current = reached
    ? toObservations(scan.assessment, history.observations, scan.signals ?? [], now)
    : history.observations;
  const coverage: ReadCoverage = {
    ...(scan.sources ? { sources: scan.sources } : {}),
    seen: new Set(scan.assessment.certificates.map((c) => c.facts.fingerprint)),
  };
  // Only what an incomplete source would have said is carried over; a complete one's losses are real.
  const keep = scan.status === 'partial' ? (o: ObservationRecord) => carriedOver(coverage, o) : false;
  const diff = diffObservations(scan.cluster, history.observations, current, now, keep);
  const findings = judge(scan, history, diff, now, schedule);
  const state = nextState(identityOf(scan), history, diff, at);
  const known = new Set(history.observations.map((o) => o.fingerprint));
  const changes: ScanChanges = {
    cluster: scan.cluster,
    summary: summarize(scan, history, findings, at),
    ...(state ? { state } : {}),
    certificates: reached
      ? scan.assessment.certificates.filter((c) => !known.has(c.facts.fingerprint)).map(toCertificateRecord)
      : [],
    putObservations: diff.putObservations,
    deleteObservations: diff.deleteObservations,
    events: diff.events,
    ...certManagerChanges(scan, history, coverage),
  };
  return { findings, changes, events: diff.events, coverage };
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
  for (const f of findings) out[f.severity] += 1;
  return out;
}

function summarize(
  scan: ScanToRecord,
  history: ClusterHistory,
  findings: readonly Finding[],
  at: string,
): ScanSummary {
  const reached = scan.status !== 'unreachable';
  const lastSuccessAt = reached ? at : history.lastSummary?.lastSuccessAt;
  return {
    cluster: scan.cluster,
    at,
    status: scan.status,
    ...(lastSuccessAt ? { lastSuccessAt } : {}),
    certificates: reached ? scan.assessment.certificates.length : history.observations.length,
    findings: countBySeverity(findings),
    blindSpots: scan.blindSpots ?? scan.failures?.length ?? 0,
    ...(scan.failures?.length
      ? {
          blindSpotDetails: scan.failures.slice(0, MAX_BLIND_SPOTS).map((f) => ({
            source: storedName(f.location ? `${f.source} ${sourceKey(f.location)}` : f.source),
            reason: f.reason,
            detail: boundedText(f.detail),
          })),
        }
      : {}),
  };
}

/** The scan's findings plus those only history can tell: rotations, stalls, missed scans. */
function judge(
  scan: ScanToRecord,
  history: ClusterHistory,
  diff: ObservationDiff,
  now: Date,
  schedule: ScanSchedule | undefined,
): Finding[] {
  const reached = scan.status !== 'unreachable';
  const findings: Finding[] = [...scan.assessment.findings];
  if (reached) {
    // Only what this scan saw: a certificate kept from an unread source proves nothing about rotation.
    const seen = new Set(scan.assessment.certificates.map((c) => c.facts.fingerprint));
    const observed = diff.observations.filter((o) => seen.has(o.fingerprint));
    const fromHistory = [...rotationOverdue(observed, now), ...rotationStalled(observed, now)];
    findings.push(...[...fromHistory, ...rotationObserved(diff.events)].map(boundedFinding));
  }
  const lastSuccessAt = reached ? now.toISOString() : history.lastSummary?.lastSuccessAt;
  const name = identityOf(scan).name;
  const missed = scanMissed(name, lastSuccessAt, history.state?.watchedSince, now, schedule);
  if (missed) findings.push(missed);
  return findings;
}

/** The new compact cluster state, or undefined when the observations hash did not move. */
function nextState(
  identity: ClusterIdentity,
  history: ClusterHistory,
  diff: ObservationDiff,
  at: string,
): ClusterState | undefined {
  const hash = observationsHash(diff.observations);
  if (history.state?.observationsHash === hash) return undefined;
  return {
    cluster: identity.id,
    observationsHash: hash,
    certificates: diff.observations.length,
    changedAt: at,
    watchedSince: history.state?.watchedSince ?? at,
    ...(identity.name !== identity.id ? { name: identity.name } : {}),
    ...(identity.where ? { where: identity.where } : {}),
  };
}

/**
 * cert-manager Certificate status to write, kept for the digest: a least-privilege scan may never
 * read the Certificate's Secret. Nothing when unchanged or unreachable.
 */
function certManagerChanges(scan: ScanToRecord, history: ClusterHistory, coverage: ReadCoverage) {
  if (scan.status === 'unreachable') return {};
  const current = toCertManagerRecords(scan.signals ?? []);
  const keep = scan.status === 'partial' && !meshReadCompletely(coverage, 'cert-manager');
  const diff = diffCertManager(history.certManager ?? [], current, keep);
  return {
    ...(diff.put.length > 0 ? { putCertManager: diff.put } : {}),
    ...(diff.delete.length > 0 ? { deleteCertManager: diff.delete } : {}),
  };
}
