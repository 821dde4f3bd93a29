/**
 * cert-manager Certificate status as history keeps it (CertManagerRecord), and the diff that says
 * which records to write: only new, changed or vanished ones, so an unchanged rescan writes none.
 */
import type { CertManagerCertificateSignal, SourceSignal } from '../signals';
import { canonical } from './observations';
import type { CertManagerRecord } from './records';
import { storedField, storedShort } from './stored-text';

/** `namespace/name`: the record's key within its cluster. */
export function certManagerKey(r: Pick<CertManagerRecord, 'namespace' | 'name'>): string {
  return `${r.namespace}/${r.name}`;
}

function toRecord(s: CertManagerCertificateSignal): CertManagerRecord {
  const issuer = s.issuerRef ? `${s.issuerRef.kind ?? 'Issuer'}/${s.issuerRef.name}` : undefined;
  return {
    namespace: storedField(s.source.namespace ?? 'default'),
    name: storedField(s.source.name),
    secretName: storedField(s.secretName),
    ready: s.ready,
    ...(s.readyReason ? { readyReason: storedField(s.readyReason) } : {}),
    ...(s.notAfter ? { notAfter: storedShort(s.notAfter) } : {}),
    ...(s.renewalTime ? { renewalTime: storedShort(s.renewalTime) } : {}),
    ...(s.isCA ? { isCA: true } : {}),
    ...(issuer ? { issuer: storedField(issuer) } : {}),
  };
}

/** One record per Certificate signal, sorted by key (a Certificate listed twice counts once). */
export function toCertManagerRecords(signals: readonly SourceSignal[]): CertManagerRecord[] {
  const byKey = new Map<string, CertManagerRecord>();
  for (const s of signals) {
    if (s.type !== 'cert-manager-certificate') continue;
    const record = toRecord(s);
    byKey.set(certManagerKey(record), record);
  }
  return [...byKey.values()].sort((a, b) => certManagerKey(a).localeCompare(certManagerKey(b)));
}

/** What to write for cert-manager records: the full current set, and the puts and deletes. */
export interface CertManagerDiff {
  readonly records: CertManagerRecord[];
  readonly put: CertManagerRecord[];
  readonly delete: string[];
}

/**
 * Compares stored records with the current ones. With `keepMissing` (a partial scan: the
 * Certificates may not have been listed) records not seen are kept rather than deleted.
 */
export function diffCertManager(
  previous: readonly CertManagerRecord[],
  current: readonly CertManagerRecord[],
  keepMissing = false,
): CertManagerDiff {
  const before = new Map(previous.map((r) => [certManagerKey(r), r]));
  const now = new Set(current.map(certManagerKey));
  const kept = keepMissing ? previous.filter((r) => !now.has(certManagerKey(r))) : [];
  const put = current.filter((r) => {
    const old = before.get(certManagerKey(r));
    return !old || canonical(old) !== canonical(r);
  });
  const records = [...current, ...kept];
  const remaining = new Set(records.map(certManagerKey));
  return { records, put, delete: [...before.keys()].filter((k) => !remaining.has(k)) };
}
