/**
 * Which alert moves to which state after a scan, without I/O: the alerts a scan wants (its
 * alertable findings by key), whether an open alert may resolve (only when the scan could have
 * seen its finding), the record after the scan, whether anything is left to tell a channel, and the
 * message a channel gets. app/drive-alerts.ts claims, writes and sends around these.
 */
import type { AlertMessage } from '../alert-message';
import type { AssessedCertificate, Finding } from '../model';
import { type ChannelTransition, channelTransition, isAlertable, nextAlertRecord } from './alert-transitions';
import { partialScanOpens, partialScanResolves, type ReadCoverage } from './carry-over';
import { findingKey } from './keys';
import type { AlertRecord, ObservationRecord, ScanStatus } from './records';

/** What the alert decisions need from the scan. */
export interface AlertScan {
  /** Cluster id (ClusterIdentity.id). */
  readonly cluster: string;
  readonly status: ScanStatus;
  readonly findings: readonly Finding[];
  readonly certificates: readonly AssessedCertificate[];
  /** What this scan read, per source (partial scans resolve only what they could judge). */
  readonly coverage?: ReadCoverage;
  /** The cluster's observations before this scan (which source saw a certificate last). */
  readonly observations?: readonly ObservationRecord[];
  /** The scan's evaluation time (may be frozen, e.g. `--now`): judges transitions. */
  readonly now: Date;
  readonly renotifyMs?: number;
  /** Keys whose open alerts resolve with this note whatever the findings say (retired cluster). */
  readonly resolveNote?: string;
  /**
   * Which rules' alerts this step owns: `only` these, or all `except` these. The deployed stack
   * drives the fleet trust rules' alerts from the fleet check, and the others from each scan.
   * @default - every rule
   */
  readonly rules?: AlertRuleScope;
}

/** A set of rules an alert step settles (the others it leaves as they are). */
export type AlertRuleScope =
  | { readonly only: ReadonlySet<string> }
  | { readonly except: ReadonlySet<string> };

/** True when `rule`'s alerts belong to the step. */
export function inRuleScope(rule: string, scope: AlertRuleScope | undefined): boolean {
  if (!scope) return true;
  return 'only' in scope ? scope.only.has(rule) : !scope.except.has(rule);
}

/** Certificates of the scan by fingerprint. */
export type CertificatesByFingerprint = ReadonlyMap<string, AssessedCertificate>;

/** What the scan read; without per-source status, only the certificates it saw. */
function coverageOf(scan: AlertScan): ReadCoverage {
  return scan.coverage ?? { seen: new Set(scan.certificates.map((c) => c.facts.fingerprint)) };
}

/**
 * The alerts the scan wants open, by key (warning and critical findings). A partial scan's
 * finding drawn from a source it read incompletely is left out: its alert is carried over.
 */
export function desiredAlerts(scan: AlertScan): Map<string, Finding> {
  if (scan.resolveNote) return new Map();
  const coverage = scan.status === 'partial' ? coverageOf(scan) : undefined;
  const owned = scan.findings.filter(
    (f) =>
      isAlertable(f) &&
      inRuleScope(f.rule, scan.rules) &&
      (coverage === undefined || partialScanOpens(f, coverage)),
  );
  return new Map(owned.map((f) => [findingKey(scan.cluster, f), f] as const));
}

/** An open alert may resolve only when this scan could have seen its finding. */
export function mayResolve(record: AlertRecord, scan: AlertScan): boolean {
  if (scan.resolveNote) return true;
  if (scan.status === 'ok') return true;
  if (scan.status === 'unreachable') return false;
  const coverage = coverageOf(scan);
  const known = new Map((scan.observations ?? []).map((o) => [o.fingerprint, o]));
  return partialScanResolves(record, coverage, known);
}

/**
 * The record of alert `key` after this scan, given the stored `record` and what the scan found
 * for it; undefined = leave it as it is (the same object when nothing changed).
 */
export function planAlert(
  scan: AlertScan,
  key: string,
  finding: Finding | undefined,
  record: AlertRecord | undefined,
  certs: CertificatesByFingerprint,
): AlertRecord | undefined {
  if (!finding && record && !mayResolve(record, scan)) return undefined;
  const fp = finding?.fingerprint;
  const subject = fp ? certs.get(fp)?.facts.subject : undefined;
  const next = nextAlertRecord(record, key, scan.cluster, finding, scan.now, subject);
  if (scan.resolveNote && next && next !== record && next.state === 'resolved') {
    return { ...next, resolvedNote: scan.resolveNote };
  }
  return next;
}

/** True when some channel still has to hear about `record` (or an attempt awaits settling). */
export function alertPending(record: AlertRecord, channels: readonly string[], scan: AlertScan): boolean {
  if (Object.keys(record.attempts ?? {}).length > 0) return true;
  return channels.some((channel) => channelTransition(record, channel, scan.now, scan.renotifyMs));
}

/** The message `channel` gets for `transition` of `record`; `label` names the cluster for people. */
export function alertMessage(
  record: AlertRecord,
  transition: ChannelTransition,
  channel: string,
  label: string,
  certs: CertificatesByFingerprint,
): AlertMessage {
  const cert = record.finding.fingerprint ? certs.get(record.finding.fingerprint) : undefined;
  const sources = cert?.sources ?? (record.finding.source ? [record.finding.source] : []);
  const subject = cert?.facts.subject ?? record.subject;
  const threadRef = transition === 'opened' ? undefined : record.channels[channel]?.ref;
  const attempt = record.attempts?.[channel];
  const finding =
    transition === 'resolved' && record.resolvedNote
      ? { ...record.finding, message: `${record.finding.message} (${record.resolvedNote})` }
      : record.finding;
  return {
    key: record.key,
    transition,
    cluster: label,
    clusterId: record.cluster,
    finding,
    ...(cert?.mesh ? { mesh: cert.mesh } : {}),
    ...(cert ? { level: cert.level, daysLeft: cert.daysLeft } : {}),
    ...(subject !== undefined ? { subject } : {}),
    sources,
    ...(threadRef ? { threadRef } : {}),
    ...(attempt ? { delivery: { id: attempt.deliveryId, attempt: attempt.attempt } } : {}),
  };
}
