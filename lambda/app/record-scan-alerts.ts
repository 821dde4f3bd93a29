/**
 * Drives the alert state machine for one cluster after a scan: which channel must hear what, send
 * it, and store the alert once a channel confirmed. A failed channel keeps its old state, so the
 * next run retries it; a repeated run finds nothing left to send. Before sending, a run claims the
 * alert (a lease in the store) and re-reads it, so two overlapping scans never send it twice.
 */

import { type ClusterIdentity, clusterLabel, plainClusterIdentity } from '../domain/cluster-identity';
import type { AlertClaim } from '../domain/history/alert-claim';
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
  /** Cluster id (ClusterIdentity.id). */
  readonly cluster: string;
  /** @default - the id is the name */
  readonly identity?: ClusterIdentity;
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
  clusterName: string,
): AlertMessage {
  const cert = record.finding.fingerprint ? certs.get(record.finding.fingerprint) : undefined;
  const sources = cert?.sources ?? (record.finding.source ? [record.finding.source] : []);
  const subject = cert?.facts.subject ?? record.subject;
  return {
    key: record.key,
    transition,
    cluster: clusterName,
    clusterId: record.cluster,
    finding: record.finding,
    ...(cert?.mesh ? { mesh: cert.mesh } : {}),
    ...(cert ? { level: cert.level, daysLeft: cert.daysLeft } : {}),
    ...(subject !== undefined ? { subject } : {}),
    sources,
    ...(threadRef ? { threadRef } : {}),
  };
}

/** How long a claim holds when its run neither saves nor releases it (e.g. it crashed). */
export const DEFAULT_CLAIM_LEASE_MS = 5 * 60_000;

type AlertDeps = {
  store: HistoryStore;
  notifiers: readonly Notifier[];
  logger?: UseCaseLogger;
  /** @default DEFAULT_CLAIM_LEASE_MS */
  claimLeaseMs?: number;
};

/** Tells each channel what it has not heard about one alert; returns the record to keep. */
async function deliver(
  deps: AlertDeps,
  input: AlertStepInput,
  start: AlertRecord,
  run: Run,
): Promise<AlertRecord> {
  const { certs, outcomes } = run;
  let next = start;
  for (const notifier of deps.notifiers) {
    const channel = notifier.channel;
    const transition = channelTransition(next, channel, input.now, input.renotifyMs);
    if (!transition) continue;
    const threadRef = transition === 'opened' ? undefined : next.channels[channel]?.ref;
    try {
      const label = await run.label();
      const receipt = await notifier.sendAlert(message(next, transition, threadRef, certs, label));
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

/** One alert's key, what this scan found for it (if anything) and what was loaded. */
interface AlertWork {
  readonly key: string;
  readonly finding: Finding | undefined;
  readonly loaded: AlertRecord | undefined;
}

/** The record after this scan given `record`; undefined = leave it as it is. */
function plan(input: AlertStepInput, work: AlertWork, record: AlertRecord | undefined, certs: CertMap) {
  if (!work.finding && record && !mayResolve(record, input)) return undefined;
  const fp = work.finding?.fingerprint;
  const subject = fp ? certs.get(fp)?.facts.subject : undefined;
  return nextAlertRecord(record, work.key, input.cluster, work.finding, input.now, subject);
}

function pending(deps: AlertDeps, record: AlertRecord, input: AlertStepInput): boolean {
  return deps.notifiers.some((n) => channelTransition(record, n.channel, input.now, input.renotifyMs));
}

/**
 * Claims the alert, then plans again from the record as stored now (another run may have delivered
 * since it was loaded), delivers, and saves — or releases the claim when nothing changed.
 */
async function settle(deps: AlertDeps, input: AlertStepInput, work: AlertWork, run: Run): Promise<void> {
  const first = plan(input, work, work.loaded, run.certs);
  if (!first || (first === work.loaded && !pending(deps, first, input))) return;
  const lease = deps.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const claim: AlertClaim = {
    cluster: input.cluster,
    key: work.key,
    owner: run.owner,
    now: input.now,
    until: new Date(input.now.getTime() + lease),
  };
  const won = await deps.store.claimAlert(claim);
  if (!won.claimed) {
    deps.logger?.warn('alert claimed by an overlapping run; left to it', { key: work.key });
    return;
  }
  const next = plan(input, work, won.current, run.certs);
  const delivered = next ? await deliver(deps, input, next, run) : undefined;
  if (delivered && delivered !== won.current) await deps.store.saveAlert(delivered);
  else await deps.store.releaseAlert(claim);
}

type CertMap = ReadonlyMap<string, AssessedCertificate>;
type Run = {
  readonly owner: string;
  readonly certs: CertMap;
  readonly outcomes: AlertOutcome[];
  /** How texts name the cluster (looked up once, and only when something is sent). */
  readonly label: () => Promise<string>;
};

/** The cluster's label among the clusters history knows, read on first use. */
function lazyLabel(store: HistoryStore, identity: ClusterIdentity): () => Promise<string> {
  let label: Promise<string> | undefined;
  return () => {
    label ??= store.clusterIdentities().then((known) => clusterLabel(identity, known));
    return label;
  };
}

/** Sends each channel what it has not heard yet and stores what changed or was confirmed. */
export async function driveAlerts(deps: AlertDeps, input: AlertStepInput): Promise<AlertOutcome[]> {
  const records = new Map((await deps.store.loadAlerts(input.cluster)).map((r) => [r.key, r]));
  const desired = new Map(
    input.findings.filter(isAlertable).map((f) => [findingKey(input.cluster, f), f] as const),
  );
  const run: Run = {
    // Unique per run: two overlapping runs (even with the same clock) never share a claim.
    owner: `${input.now.toISOString()}#${Math.random().toString(36).slice(2, 12)}`,
    certs: new Map(input.certificates.map((c) => [c.facts.fingerprint, c])),
    outcomes: [],
    label: lazyLabel(deps.store, input.identity ?? plainClusterIdentity(input.cluster)),
  };
  for (const key of new Set([...desired.keys(), ...records.keys()])) {
    await settle(deps, input, { key, finding: desired.get(key), loaded: records.get(key) }, run);
  }
  return run.outcomes;
}
