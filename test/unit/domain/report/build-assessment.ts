/** Hand-built Assessments for the report tests: facts without DER parsing, dates relative to a fixed now. */
import type {
  AssessedCertificate,
  CertificateFacts,
  CertSeverity,
  Level,
  SourceLocation,
} from '#domain/model';

/** The fixed "now" of every report test. */
export const NOW = new Date('2026-05-01T00:00:00Z');
const DAY = 86_400_000;

/** What a test cares about in one assessed certificate. */
export interface CertSpec {
  readonly id: string;
  readonly subject?: string;
  readonly level?: Level;
  readonly role?: string;
  readonly daysLeft: number;
  /** Own notAfter in days from NOW; defaults to daysLeft (not limited by an issuer). */
  readonly ownDaysLeft?: number;
  readonly severity?: CertSeverity;
  readonly chainId?: string;
  readonly sources?: readonly SourceLocation[];
  readonly spiffeIds?: readonly string[];
}

/** Builds an AssessedCertificate whose fingerprint is `id` repeated to 64 hex-ish characters. */
export function assessed(spec: CertSpec): AssessedCertificate {
  const fingerprint = spec.id.padEnd(64, '0');
  const facts: CertificateFacts = {
    fingerprint,
    der: new Uint8Array([0x30, 0x00]),
    subject: spec.subject ?? `CN=${spec.id}`,
    issuer: 'CN=Root',
    subjectKey: '',
    issuerKey: '',
    serialNumber: '01',
    notBefore: new Date(NOW.getTime() - 30 * DAY),
    notAfter: new Date(NOW.getTime() + (spec.ownDaysLeft ?? spec.daysLeft) * DAY + 3_600_000),
    dnsNames: [],
    ipAddresses: [],
    uris: [...(spec.spiffeIds ?? [])],
    spiffeIds: [...(spec.spiffeIds ?? [])],
    isCA: spec.level !== 'leaf',
    keyUsage: [],
    keyAlgorithm: 'EC',
    keySize: 256,
    curve: 'P-256',
    signatureAlgorithm: 'ecdsa-with-SHA256',
  };
  return {
    facts,
    sources: spec.sources ?? [{ kind: 'File', name: `${spec.id}.pem` }],
    level: spec.level ?? 'leaf',
    role: spec.role ?? 'generic-leaf',
    effectiveNotAfter: new Date(NOW.getTime() + spec.daysLeft * DAY + 3_600_000),
    daysLeft: spec.daysLeft,
    severity: spec.severity ?? 'ok',
    chainId: (spec.chainId ?? spec.id).padEnd(64, '0'),
  };
}
