/**
 * Picks what the digest lists: certificates whose expiry or planned rotation falls inside the
 * window, grouped by cluster (soonest cluster first) and level (roots first), soonest first. Pure.
 */
import type { Level } from '../model';
import { DAY_MS } from '../time';
import type { DigestUpcoming } from './digest-input';

/** What is coming for one certificate, and when. */
export type DueKind = 'expires' | 'expired' | 'renews' | 'renewal_overdue' | 'rotation_planned';

/** One certificate the digest lists. */
export interface DueItem {
  readonly item: DigestUpcoming;
  readonly kind: DueKind;
  /** The first thing that happens to it: planned rotation, or expiry. */
  readonly dueAt: Date;
}

/** Items of one cluster, by level. */
export interface DueCluster {
  readonly cluster: string;
  readonly byLevel: ReadonlyArray<{ readonly level: Level; readonly items: readonly DueItem[] }>;
  /** Workload (leaf) certificates renewing on their own in time: counted, as there can be thousands. */
  readonly automaticLeaves: readonly DueItem[];
}

const LEVEL_ORDER: readonly Level[] = ['root', 'intermediate', 'leaf'];

function dueOf(item: DigestUpcoming, now: Date): DueItem {
  const planned = item.plannedRotationAt;
  if (planned && planned.getTime() < item.notAfter.getTime()) {
    const kind =
      planned.getTime() < now.getTime() ? 'renewal_overdue' : item.automatic ? 'renews' : 'rotation_planned';
    return { item, kind, dueAt: planned };
  }
  return {
    item,
    kind: item.notAfter.getTime() < now.getTime() ? 'expired' : 'expires',
    dueAt: item.notAfter,
  };
}

/**
 * In the window: due at most `windowDays` ahead. Certificates that expired more than `windowDays`
 * ago are left out: a still-used one is an open alert; most are history that outlived a rotation.
 */
export function isInWindow(due: DueItem, now: Date, windowDays: number): boolean {
  const window = windowDays * DAY_MS;
  return (
    due.dueAt.getTime() <= now.getTime() + window && due.item.notAfter.getTime() >= now.getTime() - window
  );
}

const certificateName = (u: DigestUpcoming) =>
  u.certificate ? `${u.certificate.namespace}/${u.certificate.name}` : '';

function byDue(a: DueItem, b: DueItem): number {
  return (
    a.dueAt.getTime() - b.dueAt.getTime() ||
    a.item.subject.localeCompare(b.item.subject) ||
    (a.item.fingerprint ?? '').localeCompare(b.item.fingerprint ?? '') ||
    certificateName(a.item).localeCompare(certificateName(b.item))
  );
}

function isValidDate(date: Date | undefined): boolean {
  return date === undefined || Number.isFinite(date.getTime());
}

/** Items whose dates cannot be read (reported as a count, never silently dropped). */
export function unreadable(upcoming: readonly DigestUpcoming[]): number {
  return upcoming.filter((u) => !isValidDate(u.notAfter) || !isValidDate(u.plannedRotationAt)).length;
}

// Workload certificates that renew themselves on time are counted (there can be thousands of pods);
// overdue or expired ones, and named cert-manager Certificates, are listed.
function isRoutineLeaf(due: DueItem): boolean {
  const { item } = due;
  const routine = due.kind === 'renews' || due.kind === 'expires';
  return item.automatic && item.level === 'leaf' && !item.certificate && routine;
}

/** Due items grouped by cluster and level, soonest first. */
export function selectDue(upcoming: readonly DigestUpcoming[], now: Date, windowDays: number): DueCluster[] {
  const due = upcoming
    .filter((u) => isValidDate(u.notAfter) && isValidDate(u.plannedRotationAt))
    .map((u) => dueOf(u, now))
    .filter((d) => isInWindow(d, now, windowDays))
    .sort(byDue);
  const clusters = new Map<string, DueItem[]>();
  for (const d of due) clusters.set(d.item.cluster, [...(clusters.get(d.item.cluster) ?? []), d]);
  // Map keeps first-insertion order, and `due` is sorted: the cluster with the soonest item leads.
  return [...clusters].map(([cluster, items]) => {
    const listed = items.filter((d) => !isRoutineLeaf(d));
    const byLevel = LEVEL_ORDER.map((level) => ({
      level,
      items: listed.filter((d) => d.item.level === level),
    }));
    return {
      cluster,
      byLevel: byLevel.filter((group) => group.items.length > 0),
      automaticLeaves: items.filter(isRoutineLeaf),
    };
  });
}

/** Items a person must know about (everything listed, not the counted automatic leaves). */
export function listedCount(clusters: readonly DueCluster[]): number {
  return clusters.reduce((sum, c) => sum + c.byLevel.reduce((n, g) => n + g.items.length, 0), 0);
}
