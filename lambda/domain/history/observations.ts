/**
 * Turns an Assessment into the compact records history keeps: certificate facts (no DER, no key
 * material) and per-cluster observations, plus a hash that says whether anything changed.
 */
import { createHash } from 'node:crypto';
import type { AssessedCertificate, Assessment, SourceLocation } from '../model';
import { sourceKey } from '../model';
import type { SourceSignal } from '../signals';
import type { CertificateRecord, ObservationRecord } from './records';
import { storedLocation, storedName, storedShort, storedSpiffeIds } from './stored-text';

/** The facts kept once per fingerprint: names and dates only, bounded (stored-text.ts). */
export function toCertificateRecord(cert: AssessedCertificate): CertificateRecord {
  const f = cert.facts;
  return {
    fingerprint: f.fingerprint,
    subject: storedName(f.subject),
    issuer: storedName(f.issuer),
    serialNumber: storedShort(f.serialNumber),
    notBefore: f.notBefore.toISOString(),
    notAfter: f.notAfter.toISOString(),
    level: cert.level,
    role: cert.role,
    ...(cert.mesh ? { mesh: cert.mesh } : {}),
    ...storedSpiffeIds(f.spiffeIds),
  };
}

/**
 * Places kept per observation item. A root copied into every namespace (5,000 ConfigMaps) would
 * otherwise outgrow DynamoDB's 400 KB item limit; the scan's report keeps the full list.
 */
export const MAX_STORED_SOURCES = 25;

/**
 * The places history keeps, in key order: the first MAX_STORED_SOURCES, plus (as many again at
 * most) Secret `tls.crt` places beyond them, which the digest pairs with their cert-manager
 * Certificate.
 */
export function storedSources(sources: readonly SourceLocation[]): SourceLocation[] {
  const sorted = [...sources].sort((a, b) => sourceKey(a).localeCompare(sourceKey(b)));
  if (sorted.length <= MAX_STORED_SOURCES) return sorted;
  const owned = sorted
    .slice(MAX_STORED_SOURCES)
    .filter((s) => s.kind === 'Secret' && s.key === 'tls.crt')
    .slice(0, MAX_STORED_SOURCES);
  const kept = new Set([...sorted.slice(0, MAX_STORED_SOURCES), ...owned]);
  return sorted.filter((s) => kept.has(s));
}

/** cert-manager renewal times keyed by the Secret they write (`Secret/ns/name`). */
function renewalTimes(signals: readonly SourceSignal[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of signals) {
    if (s.type === 'cert-manager-certificate' && s.renewalTime) {
      out.set(`Secret/${s.source.namespace ?? ''}/${s.secretName}`, s.renewalTime);
    }
  }
  return out;
}

/** Current observations of one cluster; `firstSeenAt` and supersession carry over from `previous`. */
export function toObservations(
  assessment: Assessment,
  previous: readonly ObservationRecord[],
  signals: readonly SourceSignal[],
  now: Date,
): ObservationRecord[] {
  const before = new Map(previous.map((o) => [o.fingerprint, o]));
  const renewals = renewalTimes(signals);
  return assessment.certificates.map((cert) => {
    const prev = before.get(cert.facts.fingerprint);
    // tls.crt only: the issuer in ca.crt of the same Secret is not what the Certificate renews.
    const renewal = cert.sources
      .filter((s) => s.key === 'tls.crt')
      .map((s) => renewals.get(`${s.kind}/${s.namespace ?? ''}/${s.name}`))
      .find((r) => r !== undefined);
    return {
      fingerprint: cert.facts.fingerprint,
      subject: storedName(cert.facts.subject),
      sources: storedSources(cert.sources).map(storedLocation),
      ...(cert.sources.length > MAX_STORED_SOURCES ? { sourcesTotal: cert.sources.length } : {}),
      severity: cert.severity,
      level: cert.level,
      role: cert.role,
      ...(cert.mesh ? { mesh: cert.mesh } : {}),
      notBefore: cert.facts.notBefore.toISOString(),
      notAfter: cert.facts.notAfter.toISOString(),
      effectiveNotAfter: cert.effectiveNotAfter.toISOString(),
      firstSeenAt: prev?.firstSeenAt ?? now.toISOString(),
      ...(renewal ? { renewalTime: storedShort(renewal) } : {}),
      ...(prev?.supersededBy ? { supersededBy: prev.supersededBy, supersededAt: prev.supersededAt } : {}),
    };
  });
}

/** A canonical string (keys sorted at every depth, undefined dropped): equal content, equal string. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over all observations in fingerprint order: equal hash = nothing to rewrite. */
export function observationsHash(observations: readonly ObservationRecord[]): string {
  const sorted = [...observations].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  const hash = createHash('sha256');
  for (const o of sorted) hash.update(canonical(o)).update('\n');
  return hash.digest('hex');
}
