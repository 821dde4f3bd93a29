/** Renders each digest section as plain-text lines of at most LINE_WIDTH characters. Pure. */

import { formatDay, formatMinute } from '../format-date';
import type { Severity } from '../model';
import { actionFor } from '../remediation';
import { certManagerAction } from './cert-manager-action';
import type { DigestBlindSpot, DigestCluster, DigestOpenAlert, DigestRotation } from './digest-input';
import type { DueCluster, DueItem } from './select-due';
import { heading, plural, relativeDays, wrap } from './text-layout';

const LEVEL_TITLE = {
  root: 'Roots / trust anchors',
  intermediate: 'Intermediates / issuers',
  leaf: 'Leaf certificates',
};

function whatHappens(due: DueItem, now: Date): string {
  const { item } = due;
  const expiry = `expires ${formatDay(item.notAfter)}`;
  switch (due.kind) {
    case 'expires':
      return `${formatDay(due.dueAt)} (${relativeDays(now, due.dueAt)}): ${item.level} expires`;
    case 'expired':
      return `${formatDay(due.dueAt)} (${relativeDays(now, due.dueAt)}): ${item.level} EXPIRED`;
    case 'renews':
      return `${formatDay(due.dueAt)} (${relativeDays(now, due.dueAt)}): ${item.level} renews, ${expiry}`;
    case 'rotation_planned':
      return `${formatDay(due.dueAt)} (${relativeDays(now, due.dueAt)}): ${item.level} rotation due, ${expiry}`;
    case 'renewal_overdue':
      return `${formatDay(due.dueAt)}: ${item.level} renewal OVERDUE, ${expiry} (${relativeDays(now, item.notAfter)})`;
  }
}

function actionOf(due: DueItem): string {
  const { item } = due;
  if (item.action) return item.action;
  if (item.certificate) return certManagerAction(due.kind, item.certificate);
  return actionFor(item.role, item.level, item.mesh, item.automatic);
}

/** Subject and, when a Certificate renews it, the Certificate: the names a person looks for. */
function names(due: DueItem): string[] {
  const { subject, certificate: c } = due.item;
  const owner = c ? `Certificate ${c.namespace}/${c.name} (Secret ${c.secretName})` : '';
  return subject || !owner ? [subject || '(empty subject)', owner] : [owner];
}

function dueItemLines(due: DueItem, now: Date, cluster: string): string[] {
  const { item } = due;
  const what = [
    item.role,
    item.mesh && !item.role.startsWith(item.mesh) ? `(${item.mesh})` : '',
    `in ${cluster}`,
  ];
  return [
    ...wrap(whatHappens(due, now), '      ', '  - '),
    ...wrap(what.filter(Boolean).join(' '), '      ', '    '),
    ...names(due).flatMap((n) => wrap(n, '      ', '    ')),
    ...wrap(actionOf(due), '      ', '    Action: '),
  ];
}

/** Upcoming expiries and rotations, per cluster and level. */
export function dueSection(clusters: readonly DueCluster[], now: Date, windowDays: number): string[] {
  const lines = heading(`Due in the next ${windowDays} days`);
  if (clusters.length === 0) return [...lines, 'Nothing expires or is due for rotation.'];
  for (const cluster of clusters) {
    lines.push('', ...wrap(`Cluster ${cluster.cluster}`));
    for (const group of cluster.byLevel) {
      lines.push(` ${LEVEL_TITLE[group.level]}`);
      for (const due of group.items) lines.push(...dueItemLines(due, now, cluster.cluster));
    }
    const auto = cluster.automaticLeaves;
    if (auto.length > 0) {
      const first = auto[0]!.dueAt;
      const text = `${plural(auto.length, 'workload certificate')} rotate automatically (first ${formatDay(first)}). No action.`;
      lines.push(...wrap(text, '    ', ' + '));
    }
  }
  return lines;
}

/** Certificates replaced since the last digest. */
export function rotationsSection(rotations: readonly DigestRotation[]): string[] {
  const lines = heading('Rotated since the last digest');
  if (rotations.length === 0) return [...lines, 'None.'];
  const sorted = [...rotations].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const r of sorted) {
    lines.push(...wrap(`${formatDay(r.at)} ${r.cluster}: ${r.role}`, '    ', '  - '));
    lines.push(...wrap(r.subject || '(empty subject)', '    ', '    '));
    lines.push(...wrap(`expiry ${formatDay(r.oldNotAfter)} -> ${formatDay(r.newNotAfter)}`, '    ', '    '));
    if (r.places?.length) lines.push(...wrap(`at ${r.places.join('; ')}`, '    ', '    '));
  }
  return lines;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

/** Alerts still open, worst first. */
export function alertsSection(alerts: readonly DigestOpenAlert[], now: Date): string[] {
  const lines = heading('Open alerts');
  if (alerts.length === 0) return [...lines, 'None.'];
  const sorted = [...alerts].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.openedAt.getTime() - b.openedAt.getTime(),
  );
  for (const a of sorted) {
    const since = `open since ${formatDay(a.openedAt)}, ${relativeDays(now, a.openedAt)}`;
    lines.push(...wrap(`${a.severity.toUpperCase()} ${a.cluster}: ${a.rule} (${since})`, '    ', '  - '));
    lines.push(...wrap(a.message, '    ', '    '));
  }
  return lines;
}

/** Sources that could not be read: what certwatch cannot see. */
export function blindSpotsSection(spots: readonly DigestBlindSpot[]): string[] {
  const lines = heading('Blind spots');
  if (spots.length === 0) return [...lines, 'None: every source was read.'];
  const sorted = [...spots].sort(
    (a, b) => a.cluster.localeCompare(b.cluster) || a.source.localeCompare(b.source),
  );
  for (const s of sorted) {
    lines.push(...wrap(`${s.cluster} ${s.source}: ${s.reason}`, '    ', '  - '));
    lines.push(...wrap(s.detail, '    ', '    '));
  }
  return lines;
}

/** One line (wrapped if the name is long) per cluster. */
export function healthSection(clusters: readonly DigestCluster[], now: Date): string[] {
  const lines = heading('Cluster health');
  if (clusters.length === 0) return [...lines, 'No cluster has been scanned yet.'];
  for (const c of [...clusters].sort((a, b) => a.name.localeCompare(b.name))) {
    const lastOk = c.lastSuccessAt
      ? `last good scan ${formatMinute(c.lastSuccessAt)}`
      : 'never scanned successfully';
    const stale =
      c.lastScanAt && c.lastSuccessAt && c.lastScanAt.getTime() > c.lastSuccessAt.getTime()
        ? ` (${relativeDays(now, c.lastSuccessAt)})`
        : '';
    const text = `${c.name}: ${c.status}, ${plural(c.certificateCount, 'cert')}, worst ${c.worstSeverity}, ${lastOk}${stale}`;
    lines.push(...wrap(text, '    ', '  '));
  }
  return lines;
}
