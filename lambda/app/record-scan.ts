/**
 * Use case: record one cluster's scan in history and drive its alerts. Diffs against the last
 * stored state, writes only what changed (an unchanged rescan writes its summary and nothing else),
 * runs the rotation rules that need history, then tells the channels what they have not heard.
 * May import: domain, ports, its own record-scan-* helpers.
 */

import { type ClusterIdentity, plainClusterIdentity } from '../domain/cluster-identity';
import { carriedOver, meshReadCompletely, type ReadCoverage } from '../domain/history/carry-over';
import { diffCertManager, toCertManagerRecords } from '../domain/history/cert-manager-records';
import { diffObservations, type ObservationDiff } from '../domain/history/diff';
import { observationsHash, toCertificateRecord, toObservations } from '../domain/history/observations';
import type {
  ClusterHistory,
  ClusterState,
  HistoryEvent,
  ObservationRecord,
  ScanStatus,
  ScanSummary,
} from '../domain/history/records';
import { rotationObserved } from '../domain/history/rotation-observed';
import { rotationOverdue } from '../domain/history/rotation-overdue';
import { rotationStalled } from '../domain/history/rotation-stalled';
import { type ScanSchedule, scanMissed } from '../domain/history/scan-missed';
import type { Assessment, Finding, Severity } from '../domain/model';
import { sourceKey } from '../domain/model';
import type { SourceSignal } from '../domain/signals';
import type { SourceRead } from '../domain/source-failure';
import type { SourceFailure } from '../ports/certificate-source';
import type { Clock } from '../ports/clock';
import type { HistoryStore } from '../ports/history-store';
import type { Notifier } from '../ports/notifier';
import { type AlertOutcome, driveAlerts, type UseCaseLogger } from './record-scan-alerts';

/** What recordScan needs; notifiers may be empty (history only). */
export interface RecordScanDeps {
  readonly store: HistoryStore;
  readonly notifiers: readonly Notifier[];
  readonly clock: Clock;
  readonly logger?: UseCaseLogger;
  /** @default 24 h */
  readonly renotifyMs?: number;
  readonly schedule?: ScanSchedule;
  /** How long an alert claim holds if its run dies before saving. @default 5 min */
  readonly claimLeaseMs?: number;
  /** Real time for alert claims and delivery attempts. @default - `clock` (right unless it is frozen) */
  readonly wallClock?: Clock;
  /** Time the run has left (the Lambda's deadline): alert claims hold at least this long. */
  readonly remainingMs?: () => number;
}

/** One scan of one cluster, as the scanner produced it. */
export interface RecordScanInput {
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

/** What recording did: events written, findings judged (scan's plus history rules), deliveries. */
export interface RecordScanResult {
  readonly events: readonly HistoryEvent[];
  readonly findings: readonly Finding[];
  readonly alerts: readonly AlertOutcome[];
}

/** Blind spots kept per summary: enough for the digest, bounded so the item stays small. */
const MAX_BLIND_SPOTS = 20;

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
  for (const f of findings) out[f.severity] += 1;
  return out;
}

function summarize(
  input: RecordScanInput,
  history: ClusterHistory,
  findings: readonly Finding[],
  at: string,
) {
  const reached = input.status !== 'unreachable';
  const lastSuccessAt = reached ? at : history.lastSummary?.lastSuccessAt;
  const summary: ScanSummary = {
    cluster: input.cluster,
    at,
    status: input.status,
    ...(lastSuccessAt ? { lastSuccessAt } : {}),
    certificates: reached ? input.assessment.certificates.length : history.observations.length,
    findings: countBySeverity(findings),
    blindSpots: input.blindSpots ?? input.failures?.length ?? 0,
    ...(input.failures?.length
      ? {
          blindSpotDetails: input.failures.slice(0, MAX_BLIND_SPOTS).map((f) => ({
            source: f.location ? `${f.source} ${sourceKey(f.location)}` : f.source,
            reason: f.reason,
            detail: f.detail.slice(0, 300),
          })),
        }
      : {}),
  };
  return summary;
}

/** The scan's findings plus those only history can tell: rotations, stalls, missed scans. */
function judge(
  deps: RecordScanDeps,
  input: RecordScanInput,
  history: ClusterHistory,
  diff: ObservationDiff,
  now: Date,
) {
  const reached = input.status !== 'unreachable';
  const findings: Finding[] = [...input.assessment.findings];
  if (reached) {
    // Only what this scan saw: a certificate kept from an unread source proves nothing about rotation.
    const seen = new Set(input.assessment.certificates.map((c) => c.facts.fingerprint));
    const observed = diff.observations.filter((o) => seen.has(o.fingerprint));
    findings.push(...rotationOverdue(observed, now), ...rotationStalled(observed, now));
    findings.push(...rotationObserved(diff.events));
  }
  const lastSuccessAt = reached ? now.toISOString() : history.lastSummary?.lastSuccessAt;
  const name = identityOf(input).name;
  const missed = scanMissed(name, lastSuccessAt, history.state?.watchedSince, now, deps.schedule);
  if (missed) findings.push(missed);
  return findings;
}

/** The cluster's identity; inputs without one are keyed and named by their id. */
export function identityOf(input: { cluster: string; identity?: ClusterIdentity }): ClusterIdentity {
  return input.identity ?? plainClusterIdentity(input.cluster);
}

/** The new compact cluster state, or undefined when the observations hash did not move. */
function nextState(identity: ClusterIdentity, history: ClusterHistory, diff: ObservationDiff, at: string) {
  const hash = observationsHash(diff.observations);
  if (history.state?.observationsHash === hash) return undefined;
  const state: ClusterState = {
    cluster: identity.id,
    observationsHash: hash,
    certificates: diff.observations.length,
    changedAt: at,
    watchedSince: history.state?.watchedSince ?? at,
    ...(identity.name !== identity.id ? { name: identity.name } : {}),
    ...(identity.where ? { where: identity.where } : {}),
  };
  return state;
}

/**
 * cert-manager Certificate status to write, kept for the digest: a least-privilege scan may never
 * read the Certificate's Secret. Nothing when unchanged or unreachable.
 */
function certManagerChanges(input: RecordScanInput, history: ClusterHistory, coverage: ReadCoverage) {
  if (input.status === 'unreachable') return {};
  const current = toCertManagerRecords(input.signals ?? []);
  const keep = input.status === 'partial' && !meshReadCompletely(coverage, 'cert-manager');
  const diff = diffCertManager(history.certManager ?? [], current, keep);
  return {
    ...(diff.put.length > 0 ? { putCertManager: diff.put } : {}),
    ...(diff.delete.length > 0 ? { deleteCertManager: diff.delete } : {}),
  };
}

/** Records a scan: diff, write changes, rotation rules, alerts. */
export async function recordScan(deps: RecordScanDeps, input: RecordScanInput): Promise<RecordScanResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const history = await deps.store.loadCluster(input.cluster);
  const reached = input.status !== 'unreachable';
  const current = reached
    ? toObservations(input.assessment, history.observations, input.signals ?? [], now)
    : history.observations;
  const coverage: ReadCoverage = {
    ...(input.sources ? { sources: input.sources } : {}),
    seen: new Set(input.assessment.certificates.map((c) => c.facts.fingerprint)),
  };
  // Only what an incomplete source would have said is carried over; a complete one's losses are real.
  const keep = input.status === 'partial' ? (o: ObservationRecord) => carriedOver(coverage, o) : false;
  const diff = diffObservations(input.cluster, history.observations, current, now, keep);
  const findings = judge(deps, input, history, diff, now);
  const state = nextState(identityOf(input), history, diff, at);
  const known = new Set(history.observations.map((o) => o.fingerprint));
  await deps.store.saveScan({
    cluster: input.cluster,
    summary: summarize(input, history, findings, at),
    ...(state ? { state } : {}),
    certificates: reached
      ? input.assessment.certificates.filter((c) => !known.has(c.facts.fingerprint)).map(toCertificateRecord)
      : [],
    putObservations: diff.putObservations,
    deleteObservations: diff.deleteObservations,
    events: diff.events,
    ...certManagerChanges(input, history, coverage),
  });
  const alerts = await driveAlerts(deps, {
    cluster: input.cluster,
    identity: identityOf(input),
    status: input.status,
    findings,
    certificates: reached ? input.assessment.certificates : [],
    coverage,
    observations: history.observations,
    now,
    ...(deps.renotifyMs !== undefined ? { renotifyMs: deps.renotifyMs } : {}),
  });
  return { events: diff.events, findings, alerts };
}

/** What recording one scan of a batch told the caller. */
export interface RecordedScan {
  /** Findings only history can tell (rotation_overdue, scan_missed…), beyond the scan's own. */
  readonly historyFindings: readonly Finding[];
  /** Alerts no channel took this time (retried on the next run). */
  readonly undelivered: readonly AlertOutcome[];
}

/**
 * Records each scan in turn (the CLI's several contexts), one result per scan; a scan with an
 * identity is keyed by its id.
 */
export async function recordScans(
  deps: RecordScanDeps,
  scans: readonly RecordScanInput[],
): Promise<RecordedScan[]> {
  const out: RecordedScan[] = [];
  for (const scan of scans) {
    const recorded = await recordScan(deps, { ...scan, cluster: scan.identity?.id ?? scan.cluster });
    out.push({
      historyFindings: recorded.findings.slice(scan.assessment.findings.length),
      undelivered: recorded.alerts.filter((a) => !a.delivered),
    });
  }
  return out;
}
