/**
 * The one way the domain prints dates for people (finding messages, tables, digests): UTC, no
 * milliseconds, no `T`. `formatDay` when days are what matter (CA expiry), `formatMinute` when hours
 * do (workload certificates, renewal times, clock skew). Machine output (JSON) keeps full ISO 8601.
 */

/** Accepts a Date or an ISO 8601 / RFC 3339 string (Kubernetes status times); anything else is shown as is. */
type DateLike = Date | string;

function toDate(value: DateLike): Date | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** `2026-12-29` (UTC day); an unparseable string comes back unchanged. */
export function formatDay(value: DateLike): string {
  const date = toDate(value);
  return date ? date.toISOString().slice(0, 10) : String(value);
}

/** `2026-11-14 08:03Z` (UTC, to the minute, as the digest prints); an unparseable string comes back unchanged. */
export function formatMinute(value: DateLike): string {
  const date = toDate(value);
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')}Z` : String(value);
}
