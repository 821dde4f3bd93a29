/**
 * The weekly digest, built from plain data: what comes due inside the window (per cluster and
 * level, soonest first, with the action to take), recent rotations, open alerts, blind spots and
 * one health line per cluster. Pure: imports only its own folder, domain types and ../remediation
 * (the short form of each role's action).
 */

import { formatDay } from '../format-date';
import { DAY_MS } from '../time';
import type { DigestInput, RenderedDigest } from './digest-input';
import {
  alertsSection,
  blindSpotsSection,
  dueSection,
  healthSection,
  rotationsSection,
} from './render-sections';
import { type DueCluster, listedCount, selectDue, unreadable } from './select-due';
import { plural, relativeDays, wrap } from './text-layout';
import { trustGroupsSection } from './trust-groups-section';

/** Days ahead the digest looks when the input does not say. */
export const DEFAULT_WINDOW_DAYS = 30;

/** Renders the digest: email text, subject, and a short chat summary. */
export function buildDigest(input: DigestInput): RenderedDigest {
  const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!Number.isFinite(windowDays) || windowDays <= 0) {
    throw new RangeError(`digest windowDays must be a positive number of days, got ${windowDays}`);
  }
  const due = selectDue(input.upcoming, input.now, windowDays);
  const subject = digestSubject(due, windowDays, input.clusters.length);
  const summary = digestSummary(input, due, windowDays);
  const skipped = unreadable(input.upcoming);
  const lines = [
    ...wrap(`certwatch digest for ${formatDay(input.now)}`),
    ...wrap(
      `Looking ${windowDays} days ahead, to ${formatDay(new Date(input.now.getTime() + windowDays * DAY_MS))}.`,
    ),
    '',
    ...wrap(summary),
    ...dueSection(due, input.now, windowDays),
    ...(skipped > 0 ? ['', ...wrap(`${plural(skipped, 'certificate')} left out: unreadable dates.`)] : []),
    ...rotationsSection(input.rotations),
    ...alertsSection(input.openAlerts, input.now),
    ...blindSpotsSection(input.blindSpots),
    ...trustGroupsSection(input.trustGroups ?? []),
    ...healthSection(input.clusters, input.now),
    '',
    '-- certwatch',
  ];
  return { subject, text: `${lines.join('\n')}\n`, summary };
}

/** `certwatch digest: 3 rotations due in the next 30 days (2 clusters)`. */
export function digestSubject(due: readonly DueCluster[], windowDays: number, watched: number): string {
  const count = listedCount(due);
  if (count === 0) {
    return `certwatch digest: nothing due in the next ${windowDays} days (${plural(watched, 'cluster')} watched)`;
  }
  const clusters = due.filter((c) => c.byLevel.length > 0).length;
  return `certwatch digest: ${plural(count, 'rotation')} due in the next ${windowDays} days (${plural(clusters, 'cluster')})`;
}

/** A few sentences for chat: counts, the soonest item, what needs attention. */
export function digestSummary(input: DigestInput, due: readonly DueCluster[], windowDays: number): string {
  const count = listedCount(due);
  const parts = [
    count === 0
      ? `Nothing due in the next ${windowDays} days.`
      : `${plural(count, 'rotation')} due in the next ${windowDays} days.`,
  ];
  const soonest = due
    .flatMap((c) => c.byLevel.flatMap((g) => g.items))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  if (soonest) {
    const { item } = soonest;
    const c = item.certificate;
    const what = c ? `Certificate ${c.namespace}/${c.name}` : item.role;
    const when = `${formatDay(soonest.dueAt)} (${relativeDays(input.now, soonest.dueAt)})`;
    parts.push(`Soonest: ${what} in ${item.cluster}, ${soonest.kind.replace('_', ' ')} ${when}.`);
  }
  const critical = input.openAlerts.filter((a) => a.severity === 'critical').length;
  if (input.openAlerts.length > 0) {
    parts.push(`${plural(input.openAlerts.length, 'open alert')} (${critical} critical).`);
  }
  if (input.rotations.length > 0)
    parts.push(`${plural(input.rotations.length, 'rotation')} done since last digest.`);
  if (input.blindSpots.length > 0) parts.push(`${plural(input.blindSpots.length, 'blind spot')}.`);
  const unhealthy = input.clusters.filter((c) => c.status !== 'ok').map((c) => `${c.name} ${c.status}`);
  if (unhealthy.length > 0) parts.push(`Not fully scanned: ${unhealthy.join(', ')}.`);
  return parts.join(' ');
}
