/**
 * Compares a cluster's previous observations with the current ones and says what to write:
 * changed observations, vanished fingerprints, and the events (appeared, rotated, disappeared,
 * severity changed). A rotation = the same source now holding a different fingerprint.
 */
import { sourceKey } from '../model';
import { canonical } from './observations';
import type { HistoryEvent, ObservationRecord } from './records';

/** What changed between two scans of one cluster. */
export interface ObservationDiff {
  readonly observations: ObservationRecord[];
  readonly putObservations: ObservationRecord[];
  readonly deleteObservations: string[];
  readonly events: HistoryEvent[];
}

interface Rotation {
  readonly oldObs: ObservationRecord;
  readonly newObs: ObservationRecord;
  readonly sourceKey: string;
}

function fingerprintsBySource(observations: readonly ObservationRecord[]): Map<string, ObservationRecord[]> {
  const out = new Map<string, ObservationRecord[]>();
  for (const o of observations) {
    for (const s of o.sources) out.set(sourceKey(s), [...(out.get(sourceKey(s)) ?? []), o]);
  }
  return out;
}

/** Per source: fingerprints that left paired with those that arrived, oldest expiry first. */
function findRotations(prev: readonly ObservationRecord[], next: readonly ObservationRecord[]): Rotation[] {
  const before = fingerprintsBySource(prev);
  const after = fingerprintsBySource(next);
  const byExpiry = (a: ObservationRecord, b: ObservationRecord) => a.notAfter.localeCompare(b.notAfter);
  const rotations: Rotation[] = [];
  for (const [key, olds] of before) {
    const news = after.get(key) ?? [];
    const left = olds.filter((o) => !news.some((n) => n.fingerprint === o.fingerprint)).sort(byExpiry);
    const came = news.filter((n) => !olds.some((o) => o.fingerprint === n.fingerprint)).sort(byExpiry);
    for (let i = 0; i < Math.min(left.length, came.length); i++) {
      rotations.push({ oldObs: left[i]!, newObs: came[i]!, sourceKey: key });
    }
  }
  return rotations;
}

function rotationEvent(cluster: string, at: string, r: Rotation): HistoryEvent {
  const source = r.oldObs.sources.find((s) => sourceKey(s) === r.sourceKey);
  return {
    cluster,
    at,
    type: 'rotated',
    fingerprint: r.oldObs.fingerprint,
    newFingerprint: r.newObs.fingerprint,
    subject: r.newObs.subject,
    role: r.newObs.role,
    ...(source ? { source } : {}),
    oldNotAfter: r.oldObs.notAfter,
    newNotAfter: r.newObs.notAfter,
  };
}

/** Marks certificates replaced at some source (but still seen elsewhere) as superseded. */
function markSuperseded(next: ObservationRecord[], rotations: readonly Rotation[], at: string) {
  return next.map((o) => {
    const r = rotations.find((x) => x.oldObs.fingerprint === o.fingerprint);
    return r && !o.supersededBy ? { ...o, supersededBy: r.newObs.fingerprint, supersededAt: at } : o;
  });
}

/** Appeared, disappeared and severity changes; rotations explain their own arrivals and departures. */
function changeEvents(
  cluster: string,
  at: string,
  prev: readonly ObservationRecord[],
  next: readonly ObservationRecord[],
  rotations: readonly Rotation[],
): HistoryEvent[] {
  const before = new Map(prev.map((o) => [o.fingerprint, o]));
  const after = new Set(next.map((o) => o.fingerprint));
  const rotatedOld = new Set(rotations.map((r) => r.oldObs.fingerprint));
  const rotatedNew = new Set(rotations.map((r) => r.newObs.fingerprint));
  const base = (o: ObservationRecord) => ({
    cluster,
    at,
    fingerprint: o.fingerprint,
    subject: o.subject,
    role: o.role,
  });
  const events: HistoryEvent[] = [];
  for (const o of next) {
    const old = before.get(o.fingerprint);
    if (!old && !rotatedNew.has(o.fingerprint))
      events.push({ ...base(o), type: 'appeared', source: o.sources[0] });
    if (old && old.severity !== o.severity) {
      events.push({
        ...base(o),
        type: 'severity_changed',
        fromSeverity: old.severity,
        toSeverity: o.severity,
      });
    }
  }
  for (const o of prev) {
    if (!after.has(o.fingerprint) && !rotatedOld.has(o.fingerprint)) {
      events.push({ ...base(o), type: 'disappeared', source: o.sources[0] });
    }
  }
  return events;
}

/**
 * The diff of one cluster between its stored observations and the current ones. Certificates not
 * seen for which `keepMissing` holds (a partial scan: their source was not read completely) are
 * kept, not reported disappeared; `true` keeps every one.
 */
export function diffObservations(
  cluster: string,
  prev: readonly ObservationRecord[],
  current: readonly ObservationRecord[],
  now: Date,
  keepMissing: boolean | ((previous: ObservationRecord) => boolean) = false,
): ObservationDiff {
  const at = now.toISOString();
  const rotations = findRotations(prev, current);
  const seen = new Set(current.map((o) => o.fingerprint));
  const rotatedOut = new Set(rotations.map((r) => r.oldObs.fingerprint));
  const keep = typeof keepMissing === 'function' ? keepMissing : () => keepMissing;
  const kept = prev.filter((o) => !seen.has(o.fingerprint) && !rotatedOut.has(o.fingerprint) && keep(o));
  const next = markSuperseded([...current, ...kept], rotations, at);
  const before = new Map(prev.map((o) => [o.fingerprint, o]));
  const after = new Set(next.map((o) => o.fingerprint));
  return {
    observations: next,
    putObservations: next.filter((o) => {
      const old = before.get(o.fingerprint);
      return !old || canonical(old) !== canonical(o);
    }),
    deleteObservations: prev.filter((o) => !after.has(o.fingerprint)).map((o) => o.fingerprint),
    events: [
      ...rotations.map((r) => rotationEvent(cluster, at, r)),
      ...changeEvents(cluster, at, prev, next, rotations),
    ],
  };
}
