/**
 * Bounds on what history stores from certificates and objects a workload controls, so no item can
 * outgrow DynamoDB's 400 KB: names cut (and cleaned of control characters), lists capped with a
 * count of what was left out. Applied where records are made (observations.ts, scan-record.ts,
 * alert-transitions.ts, cert-manager-records.ts). Pure.
 */
import { boundedFinding, boundedText } from '../bounded-text';
import type { Finding, SourceLocation } from '../model';

/** Longest distinguished name kept (subject, issuer): real ones are a few hundred characters. */
export const MAX_STORED_NAME_CHARS = 1024;
/** Longest object name, key or SPIFFE ID kept (Kubernetes names are at most 253). */
export const MAX_STORED_FIELD_CHARS = 512;
/** Longest serial number or timestamp kept (a 20-byte serial is 40 hex digits). */
export const MAX_STORED_SHORT_CHARS = 128;
/** SPIFFE IDs kept per certificate; `spiffeIdsTotal` says how many there were. */
export const MAX_STORED_SPIFFE_IDS = 16;

/** A subject or issuer as history keeps it. */
export function storedName(name: string): string {
  return boundedText(name, MAX_STORED_NAME_CHARS);
}

/** A name, key or ID as history keeps it. */
export function storedField(text: string): string {
  return boundedText(text, MAX_STORED_FIELD_CHARS);
}

/** A serial number or timestamp as history keeps it. */
export function storedShort(text: string): string {
  return boundedText(text, MAX_STORED_SHORT_CHARS);
}

/** A place with every field bounded (the same object when nothing needed cutting). */
export function storedLocation(source: SourceLocation): SourceLocation {
  const fields = [source.kind, source.namespace ?? '', source.name, source.key ?? ''];
  if (fields.every((f) => f.length <= MAX_STORED_FIELD_CHARS)) return source;
  return {
    kind: storedField(source.kind),
    ...(source.namespace === undefined ? {} : { namespace: storedField(source.namespace) }),
    name: storedField(source.name),
    ...(source.key === undefined ? {} : { key: storedField(source.key) }),
  };
}

/** The first SPIFFE IDs, bounded, and how many there were when some were left out. */
export function storedSpiffeIds(ids: readonly string[]): { spiffeIds: string[]; spiffeIdsTotal?: number } {
  const kept = ids.slice(0, MAX_STORED_SPIFFE_IDS).map(storedField);
  return ids.length > kept.length ? { spiffeIds: kept, spiffeIdsTotal: ids.length } : { spiffeIds: kept };
}

/** A finding as an alert item keeps it: texts capped (boundedFinding), its place bounded. */
export function storedFinding(finding: Finding): Finding {
  const bounded = boundedFinding(finding);
  return bounded.source ? { ...bounded, source: storedLocation(bounded.source) } : bounded;
}
