/**
 * Drives the alert state machine for one cluster after a scan: which channel must hear what, send
 * it, and store the alert once a channel confirmed. A failed channel keeps its old state, so the
 * next run retries it; a repeated run finds nothing left to send.
 *
 * At most once per transition, even across crashes and overlapping runs:
 * - a run claims the alert (a lease from the wall clock, at least its remaining time) and re-reads it;
 * - every write is conditional on that claim and the stored version, so a run whose claim lapsed
 *   and was taken over stops delivering that alert (and says so) instead of overwriting;
 * - each delivery is recorded as an attempt before it is sent; an attempt that may have landed is
 *   looked up on the channel (Slack message metadata) and adopted rather than sent again.
 * One alert's failure (store or channel) never stops the others.
 */

import { type ClusterIdentity, clusterLabel, plainClusterIdentity } from '../domain/cluster-identity';
import { type AlertClaim, claimUntil, DEFAULT_CLAIM_LEASE_MS } from '../domain/history/alert-claim';
import {
  type AlertScan,
  alertMessage,
  alertPending,
  type CertificatesByFingerprint,
  desiredAlerts,
  inRuleScope,
  planAlert,
} from '../domain/history/alert-plan';
import {
  afterDelivery,
  channelTransition,
  startAttempt,
  withoutAttempt,
} from '../domain/history/alert-transitions';
import type { AlertRecord } from '../domain/history/records';
import type { Finding } from '../domain/model';
import type { Clock } from '../ports/clock';
import type { HistoryStore } from '../ports/history-store';
import type { AlertTransition, Notifier } from '../ports/notifier';

export { DEFAULT_CLAIM_LEASE_MS } from '../domain/history/alert-claim';

/** Where the use cases report what went wrong without failing the run. */
export interface UseCaseLogger {
  warn(message: string, extra?: Record<string, unknown>): void;
}

/** One attempted delivery (or a delivery found to have landed already: `adopted`). */
export interface AlertOutcome {
  readonly key: string;
  /** The channel, or `history` when the alert could not be settled at all (store error, lost claim). */
  readonly channel: string;
  /** `none`: the failure came before any transition was chosen. */
  readonly transition: AlertTransition | 'none';
  readonly delivered: boolean;
  /** The message had landed on an earlier, unconfirmed attempt: recorded, not sent again. */
  readonly adopted?: boolean;
  readonly error?: string;
}

/** Everything the alert step needs from the scan. */
export interface AlertStepInput extends AlertScan {
  /** @default - the id is the name */
  readonly identity?: ClusterIdentity;
}

/** What the alert step needs. */
export interface AlertDeps {
  readonly store: HistoryStore;
  readonly notifiers: readonly Notifier[];
  readonly logger?: UseCaseLogger;
  /** @default DEFAULT_CLAIM_LEASE_MS */
  readonly claimLeaseMs?: number;
  /** Real time for claims and attempts (never the scan's frozen `now`). @default - the scan clock */
  readonly wallClock?: Clock;
  /** Time the run has left (a Lambda's deadline); claims hold at least this long. */
  readonly remainingMs?: () => number;
}

/** One run of the alert step: its claim token, the scan's certificates, what happened. */
interface Run {
  readonly owner: string;
  readonly certs: CertificatesByFingerprint;
  readonly outcomes: AlertOutcome[];
  readonly wallNow: () => Date;
  readonly warn: (message: string, extra: Record<string, unknown>) => void;
  /** How texts name the cluster (looked up once, and only when something is sent). */
  readonly label: () => Promise<string>;
}

/** The run lost its claim: another run owns the alert now. */
class ClaimLostError extends Error {
  override readonly name = 'ClaimLostError';
}

/** The alert as the run holds it, written only under its claim. */
class Held {
  constructor(
    private readonly store: HistoryStore,
    readonly claim: AlertClaim,
    public record: AlertRecord,
  ) {}

  /** Stores `next` (conditional on the claim and version); throws ClaimLostError when lost. */
  async write(next: AlertRecord, release = false): Promise<void> {
    const stored = await this.store.saveAlert(next, this.claim, { release });
    if (!stored) throw new ClaimLostError(`alert ${next.key}: claim lost to another run`);
    this.record = stored;
  }
}

/**
 * Settles an attempt of `channel` that may have landed: adopts it when the channel finds it;
 * returns false when the channel cannot tell now (send nothing, ask next run).
 */
async function settleAttempt(run: Run, held: Held, notifier: Notifier, now: Date): Promise<boolean> {
  const channel = notifier.channel;
  const attempt = held.record.attempts?.[channel];
  if (!attempt || !notifier.findDelivery) return true;
  const probe = alertMessage(held.record, attempt.transition, channel, await run.label(), run.certs);
  const since = new Date(Date.parse(attempt.since) - 60_000);
  const lookup = await notifier.findDelivery(probe, since);
  if (lookup.status === 'unknown') {
    const error = `could not tell whether an earlier attempt landed: ${lookup.reason}`;
    run.outcomes.push({
      key: held.record.key,
      channel,
      transition: attempt.transition,
      delivered: false,
      error,
    });
    return false;
  }
  if (lookup.status === 'absent' && lookup.note) {
    run.warn('earlier attempt not searchable', { key: held.record.key, channel, note: lookup.note });
  }
  if (lookup.status === 'found') {
    const next = afterDelivery(held.record, channel, attempt.transition, now, lookup.receipt.ref);
    await held.write(next);
    run.outcomes.push({
      key: next.key,
      channel,
      transition: attempt.transition,
      delivered: true,
      adopted: true,
    });
  }
  return true;
}

/** Tells `notifier` what it has not heard about the held alert, recording the attempt first. */
async function deliverTo(deps: AlertDeps, input: AlertStepInput, run: Run, held: Held, notifier: Notifier) {
  const channel = notifier.channel;
  if (!(await settleAttempt(run, held, notifier, input.now))) return;
  const transition = channelTransition(held.record, channel, input.now, input.renotifyMs);
  if (!transition) {
    if (held.record.attempts?.[channel]) await held.write(withoutAttempt(held.record, channel));
    return;
  }
  await held.write(startAttempt(held.record, channel, transition, run.wallNow()));
  const outgoing = alertMessage(held.record, transition, channel, await run.label(), run.certs);
  let ref: string | undefined;
  try {
    ref = (await notifier.sendAlert(outgoing)).ref;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    deps.logger?.warn('alert delivery failed; will retry next run', { key: held.record.key, channel, error });
    run.outcomes.push({ key: held.record.key, channel, transition, delivered: false, error });
    return;
  }
  // Scan time for the channel state (renotify cadence), as before; the attempt is cleared.
  await held.write(afterDelivery(held.record, channel, transition, input.now, ref));
  run.outcomes.push({ key: held.record.key, channel, transition, delivered: true });
}

/** One alert's key, what this scan found for it (if anything) and what was loaded. */
interface AlertWork {
  readonly key: string;
  readonly finding: Finding | undefined;
  readonly loaded: AlertRecord | undefined;
}

/**
 * Claims the alert, plans again from the record as stored now (another run may have delivered
 * since it was loaded), delivers channel by channel, and ends the claim.
 */
async function settle(deps: AlertDeps, input: AlertStepInput, work: AlertWork, run: Run): Promise<void> {
  const channels = deps.notifiers.map((n) => n.channel);
  const first = planAlert(input, work.key, work.finding, work.loaded, run.certs);
  if (!first || (first === work.loaded && !alertPending(first, channels, input))) return;
  const wallNow = run.wallNow();
  const claim: AlertClaim = {
    cluster: input.cluster,
    key: work.key,
    owner: run.owner,
    now: wallNow,
    until: claimUntil(wallNow, deps.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS, deps.remainingMs?.()),
  };
  const won = await deps.store.claimAlert(claim);
  if (!won.claimed) {
    deps.logger?.warn('alert claimed by an overlapping run; left to it', { key: work.key });
    return;
  }
  const next = planAlert(input, work.key, work.finding, won.current, run.certs);
  if (!next) return deps.store.releaseAlert(claim);
  const held = new Held(deps.store, claim, won.current ?? next);
  if (next !== won.current) await held.write(next);
  for (const notifier of deps.notifiers) await deliverTo(deps, input, run, held, notifier);
  await deps.store.releaseAlert(claim);
}

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
  const stored = await deps.store.loadAlerts(input.cluster);
  const records = new Map(
    stored.filter((r) => inRuleScope(r.finding.rule, input.rules)).map((r) => [r.key, r]),
  );
  const desired = desiredAlerts(input);
  const wall = deps.wallClock ?? { now: () => new Date(input.now.getTime()) };
  const run: Run = {
    // Unique per run: two overlapping runs (even with the same clock) never share a claim.
    owner: `${wall.now().toISOString()}#${Math.random().toString(36).slice(2, 12)}`,
    certs: new Map(input.certificates.map((c) => [c.facts.fingerprint, c])),
    outcomes: [],
    wallNow: () => wall.now(),
    warn: (text, extra) => deps.logger?.warn(text, extra),
    label: lazyLabel(deps.store, input.identity ?? plainClusterIdentity(input.cluster)),
  };
  for (const key of new Set([...desired.keys(), ...records.keys()])) {
    const work = { key, finding: desired.get(key), loaded: records.get(key) };
    try {
      await settle(deps, input, work, run);
    } catch (err) {
      // One alert's failure is its own: the others are still settled, and this one retried next run.
      const error = err instanceof Error ? err.message : String(err);
      const lost = err instanceof ClaimLostError;
      deps.logger?.warn(lost ? 'alert claim lost; this run stops delivering it' : 'alert not settled', {
        key,
        error,
      });
      run.outcomes.push({ key, channel: 'history', transition: 'none', delivered: false, error });
    }
  }
  return run.outcomes;
}
