/**
 * "Rotated since the last digest" from history's rotation events: one line per certificate
 * replaced in a cluster (old fingerprint → new fingerprint), however many places held it (a CA in
 * both tls.crt and ca.crt of one Secret is one rotation, in two places). Pure.
 */
import type { HistoryEvent } from '../history/records';
import type { SourceLocation } from '../model';
import type { DigestRotation } from './digest-input';

/** `Secret cert-manager/internal-ca (ca.crt, tls.crt)`: one entry per object, its keys together. */
export function placesOf(sources: readonly SourceLocation[]): string[] {
  const byObject = new Map<string, Set<string>>();
  for (const s of sources) {
    const object = `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
    const keys = byObject.get(object) ?? new Set<string>();
    if (s.key) keys.add(s.key);
    byObject.set(object, keys);
  }
  return [...byObject]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([object, keys]) => (keys.size > 0 ? `${object} (${[...keys].sort().join(', ')})` : object));
}

/** One rotation per (cluster, old fingerprint → new fingerprint), at its first sighting, places merged. */
export function digestRotations(events: readonly HistoryEvent[]): DigestRotation[] {
  const groups = new Map<string, HistoryEvent[]>();
  for (const e of events) {
    if (e.type !== 'rotated') continue;
    const key = [e.cluster, e.fingerprint, e.newFingerprint ?? ''].join('|');
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].map((group) => {
    const sorted = [...group].sort((a, b) => a.at.localeCompare(b.at));
    const e = sorted[0]!;
    const places = placesOf(sorted.flatMap((x) => (x.source ? [x.source] : [])));
    return {
      cluster: e.cluster,
      role: e.role ?? 'unknown',
      subject: e.subject ?? e.newFingerprint ?? e.fingerprint,
      ...(places.length > 0 ? { places } : {}),
      oldNotAfter: new Date(e.oldNotAfter ?? e.at),
      newNotAfter: new Date(e.newNotAfter ?? e.at),
      at: new Date(e.at),
    };
  });
}
