/**
 * Builds AssessedCertificate values for use-case tests without parsing (history only reads facts
 * the domain already produced). Dates are explicit; nothing reads the real clock.
 */
import { createHash } from 'node:crypto';
import type {
  AssessedCertificate,
  Assessment,
  CertSeverity,
  Finding,
  Level,
  Mesh,
  SourceLocation,
} from '#domain/model';

/** The parts of a certificate a history test cares about. */
export interface AssessedSpec {
  name: string;
  notBefore: string;
  notAfter: string;
  sources: SourceLocation[];
  level?: Level;
  role?: string;
  mesh?: Mesh;
  severity?: CertSeverity;
  daysLeft?: number;
}

/** A fingerprint derived from the name, so tests can refer to certificates by name. */
export function fingerprintOf(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** An AssessedCertificate with made-up DER (history never reads it). */
export function assessed(spec: AssessedSpec): AssessedCertificate {
  const notAfter = new Date(spec.notAfter);
  return {
    facts: {
      fingerprint: fingerprintOf(spec.name),
      der: new TextEncoder().encode(`der of ${spec.name}`),
      subject: `CN=${spec.name}`,
      issuer: 'CN=issuer',
      subjectKey: '00',
      issuerKey: '01',
      serialNumber: '0a',
      notBefore: new Date(spec.notBefore),
      notAfter,
      dnsNames: [],
      ipAddresses: [],
      uris: [],
      spiffeIds: spec.mesh === 'istio' ? [`spiffe://cluster.local/ns/default/sa/${spec.name}`] : [],
      isCA: spec.level !== 'leaf',
      keyUsage: [],
      keyAlgorithm: 'EC',
      signatureAlgorithm: 'ecdsa-with-SHA256',
    },
    sources: spec.sources,
    ...(spec.mesh ? { mesh: spec.mesh } : {}),
    level: spec.level ?? 'leaf',
    role: spec.role ?? 'generic',
    effectiveNotAfter: notAfter,
    daysLeft: spec.daysLeft ?? 30,
    severity: spec.severity ?? 'ok',
    chainId: fingerprintOf(spec.name),
  };
}

/**
 * A scan's assessment with one finding: the Istio root (cacerts, valid 2030-01-01 to 2030-07-01)
 * judged `root_expiring` critical. For tests of what history does with an open alert.
 */
export function expiringRootAssessment(): Assessment {
  const root = assessed({
    name: 'root',
    notBefore: '2030-01-01T00:00:00Z',
    notAfter: '2030-07-01T00:00:00Z',
    sources: [{ kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'root-cert.pem' }],
  });
  const expiring: Finding = {
    severity: 'critical',
    rule: 'root_expiring',
    fingerprint: fingerprintOf('root'),
    message: 'm',
  };
  return { certificates: [root], findings: [expiring], errors: [] };
}
