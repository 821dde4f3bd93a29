/**
 * The alert state machine, pure. Per finding key: opened → escalated (severity up) → resolved
 * (finding gone, e.g. the certificate rotated); unresolved criticals are re-notified on a cadence.
 * Each channel advances on its own, and only after it confirmed delivery (`afterDelivery`).
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../model';
import { DAY_MS } from '../time';
import type { AlertRecord, DeliveryAttempt } from './records';
import { storedFinding, storedName } from './stored-text';

/** What to tell a channel now. Same words as the Notifier port's AlertTransition. */
export type ChannelTransition = 'opened' | 'escalated' | 'renotified' | 'resolved';

/** How often an unresolved critical alert is repeated. */
export const DEFAULT_RENOTIFY_MS = DAY_MS;

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, critical: 2 };

/** True when a finding is worth an alert (warning or critical). */
export function isAlertable(finding: Finding): boolean {
  return RANK[finding.severity] >= RANK.warning;
}

/** The record after this scan, before any delivery; the same object when nothing changed. */
export function nextAlertRecord(
  record: AlertRecord | undefined,
  key: string,
  cluster: string,
  finding: Finding | undefined,
  now: Date,
  subject?: string,
): AlertRecord | undefined {
  const at = now.toISOString();
  if (finding && (!record || record.state === 'resolved')) {
    return {
      key,
      cluster,
      state: 'open',
      severity: finding.severity,
      finding: storedFinding(finding),
      openedAt: at,
      ...(subject ? { subject: storedName(subject) } : {}),
      channels: record?.channels ?? {},
      // The same stored item opens again: its version (every write is conditional on it) and any
      // attempt still to settle carry on, or the write would be refused as a lost claim.
      ...(record?.version !== undefined ? { version: record.version } : {}),
      ...(record?.attempts ? { attempts: record.attempts } : {}),
    };
  }
  if (finding && record && record.severity !== finding.severity) {
    return { ...record, severity: finding.severity, finding: storedFinding(finding) };
  }
  if (!finding && record?.state === 'open') return { ...record, state: 'resolved', resolvedAt: at };
  return record;
}

/** What `channel` must be told, given the record after this scan; undefined = nothing. */
export function channelTransition(
  record: AlertRecord | undefined,
  channel: string,
  now: Date,
  renotifyMs = DEFAULT_RENOTIFY_MS,
): ChannelTransition | undefined {
  if (!record) return undefined;
  const ch = record.channels[channel];
  if (record.state === 'resolved') return ch?.state === 'open' ? 'resolved' : undefined;
  if (!ch || ch.state === 'resolved') return 'opened';
  if (RANK[record.severity] > RANK[ch.severity]) return 'escalated';
  const due = now.getTime() - Date.parse(ch.notifiedAt) >= renotifyMs;
  return record.severity === 'critical' && due ? 'renotified' : undefined;
}

/** A retry reuses its attempt's delivery id only this long; later it is a new delivery. */
export const ATTEMPT_REUSE_MS = 24 * 3600 * 1000;

/** Stable id of one transition's delivery (same for its retries), for lookups and subscribers. */
export function deliveryId(key: string, transition: ChannelTransition, since: string): string {
  return createHash('sha256').update(`${key}\n${transition}\n${since}`).digest('hex').slice(0, 32);
}

/** The record with a delivery of `transition` on `channel` recorded as started (saved before sending). */
export function startAttempt(
  record: AlertRecord,
  channel: string,
  transition: ChannelTransition,
  wallNow: Date,
): AlertRecord {
  const previous = record.attempts?.[channel];
  const retry =
    previous?.transition === transition && wallNow.getTime() - Date.parse(previous.since) < ATTEMPT_REUSE_MS;
  const since = retry ? previous.since : wallNow.toISOString();
  const attempt: DeliveryAttempt = {
    transition,
    deliveryId: retry ? previous.deliveryId : deliveryId(record.key, transition, since),
    attempt: retry ? previous.attempt + 1 : 1,
    since,
  };
  return { ...record, attempts: { ...record.attempts, [channel]: attempt } };
}

/** The record without `channel`'s attempt (confirmed, or no longer wanted). */
export function withoutAttempt(record: AlertRecord, channel: string): AlertRecord {
  if (!record.attempts?.[channel]) return record;
  const { [channel]: _done, ...rest } = record.attempts;
  return { ...record, attempts: rest };
}

/** The record once `channel` confirmed `transition`; an opening keeps the thread reference. */
export function afterDelivery(
  record: AlertRecord,
  channel: string,
  transition: ChannelTransition,
  now: Date,
  ref?: string,
): AlertRecord {
  const previous = record.channels[channel];
  const threadRef = transition === 'opened' ? ref : previous?.ref;
  const severity = transition === 'resolved' && previous ? previous.severity : record.severity;
  return {
    ...withoutAttempt(record, channel),
    channels: {
      ...record.channels,
      [channel]: {
        state: transition === 'resolved' ? 'resolved' : 'open',
        severity,
        notifiedAt: now.toISOString(),
        ...(threadRef ? { ref: threadRef } : {}),
      },
    },
  };
}
