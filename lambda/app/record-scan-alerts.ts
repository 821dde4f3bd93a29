/**
 * Drives the alert state machine for one cluster after a scan: which channel must hear what, send
 * it, and store the alert once a channel confirmed. A failed channel keeps its old state, so the
 * next run retries it; a repeated run finds nothing left to send.
 */
import {
  afterDelivery,
  channelTransition,
  isAlertable,
  nextAlertRecord,
} from '../domain/history/alert-transitions';
import { findingKey } from '../domain/history/keys';
import type { AlertRecord, ScanStatus } from '../domain/history/records';
import type { AssessedCertificate, Finding } from '../domain/model';
import type { HistoryStore } from '../ports/history-store';
import type { AlertMessage, AlertTransition, Notifier } from '../ports/notifier';

/** Where the use cases report what went wrong without failing the run. */
export interface UseCaseLogger {
  warn(message: string, extra?: Record<string, unknown>): void;
}

/** One attempted delivery. */
export interface AlertOutcome {
  readonly key: string;
  readonly channel: string;
  readonly transition: AlertTransition;
  readonly delivered: boolean;
  readonly error?: string;
}

/** Everything the alert step needs from the scan. */
export interface AlertStepInput {
  readonly cluster: string;
  readonly status: ScanStatus;
  readonly findings: readonly Finding[];
  readonly certificates: readonly AssessedCertificate[];
  readonly now: Date;
  readonly renotifyMs?: number;
}

/** An open alert may resolve only when this scan could have seen its finding. */
function mayResolve(record: AlertRecord, input: AlertStepInput): boolean {
  if (input.status === 'ok') return true;
  if (input.status === 'unreachable') return false;
  const fp = record.finding.fingerprint;
  return fp !== undefined && input.certificates.some((c) => c.facts.fingerprint === fp);
}

function message(
  record: AlertRecord,
  transition: AlertTransition,
  threadRef: string | undefined,
  certs: ReadonlyMap<string, AssessedCertificate>,
): AlertMessage {
  const cert = record.finding.fingerprint ? certs.get(record.finding.fingerprint) : undefined;
  const sources = cert?.sources ?? (record.finding.source ? [record.finding.source] : []);
  const subject = cert?.facts.subject ?? record.subject;
  return {
    key: record.key,
    transition,
    cluster: record.cluster,
    finding: record.finding,
    ...(cert?.mesh ? { mesh: cert.mesh } : {}),
    ...(cert ? { level: cert.level, daysLeft: cert.daysLeft } : {}),
    ...(subject !== undefined ? { subject } : {}),
    sources,
    ...(threadRef ? { threadRef } : {}),
  };
}

type AlertDeps = { store: HistoryStore; notifiers: readonly Notifier[]; logger?: UseCaseLogger };

/** Tells each channel what it has not heard about one alert; returns the record to keep. */
async function deliver(
  deps: AlertDeps,
  input: AlertStepInput,
  start: AlertRecord,
  certs: ReadonlyMap<string, AssessedCertificate>,
  outcomes: AlertOutcome[],
): Promise<AlertRecord> {
  let next = start;
  for (const notifier of deps.notifiers) {
    const channel = notifier.channel;
    const transition = channelTransition(next, channel, input.now, input.renotifyMs);
    if (!transition) continue;
    const threadRef = transition === 'opened' ? undefined : next.channels[channel]?.ref;
    try {
      const receipt = await notifier.sendAlert(message(next, transition, threadRef, certs));
      next = afterDelivery(next, channel, transition, input.now, receipt.ref);
      outcomes.push({ key: next.key, channel, transition, delivered: true });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      deps.logger?.warn('alert delivery failed; will retry next run', { key: next.key, channel, error });
      outcomes.push({ key: next.key, channel, transition, delivered: false, error });
    }
  }
  return next;
}

/** Sends each channel what it has not heard yet and stores what changed or was confirmed. */
export async function driveAlerts(deps: AlertDeps, input: AlertStepInput): Promise<AlertOutcome[]> {
  const records = new Map((await deps.store.loadAlerts(input.cluster)).map((r) => [r.key, r]));
  const desired = new Map(
    input.findings.filter(isAlertable).map((f) => [findingKey(input.cluster, f), f] as const),
  );
  const certs = new Map(input.certificates.map((c) => [c.facts.fingerprint, c]));
  const outcomes: AlertOutcome[] = [];
  for (const key of new Set([...desired.keys(), ...records.keys()])) {
    const record = records.get(key);
    const finding = desired.get(key);
    if (!finding && record && !mayResolve(record, input)) continue;
    const subject = finding?.fingerprint ? certs.get(finding.fingerprint)?.facts.subject : undefined;
    const next = nextAlertRecord(record, key, input.cluster, finding, input.now, subject);
    if (!next) continue;
    const delivered = await deliver(deps, input, next, certs, outcomes);
    if (delivered !== record) await deps.store.saveAlert(delivered);
  }
  return outcomes;
}
