/** Builds the stable JSON report (`schemaVersion: 1`, docs/report.schema.json) from assessments. Pure. */
import type {
  AssessedCertificate,
  Assessment,
  CertManagerLink,
  CertSeverity,
  Finding,
  Level,
  Mesh,
  ParseError,
  Role,
  SourceLocation,
  StatusCertificate,
} from '../model';
import type { SourceStatus } from '../source-failure';
import type { UpstreamRead } from '../upstream';

/** Whether every source of a cluster could be read. */
export type ClusterStatus = 'ok' | 'partial' | 'unreachable';

/** A source as the report prints it: every field present (`''` when unknown) for easy scripting. */
export interface ReportSource {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
}

/** One certificate of one cluster, with every place it was seen. Fields beyond the first release's contract are additions. */
export interface ReportCertificate {
  readonly fingerprint: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly level: Level;
  readonly role: Role;
  readonly spiffeIds: readonly string[];
  readonly sources: readonly ReportSource[];
  /** Whole days to the effective expiry (the earliest notAfter on the path to a trust anchor). */
  readonly daysLeft: number;
  readonly severity: CertSeverity;
  readonly effectiveNotAfter: string;
  readonly chainId: string;
  readonly issuerFingerprint?: string;
  readonly mesh?: Mesh;
  readonly dnsNames: readonly string[];
  /**
   * The cert-manager Certificate managing it, with where the facts came from: `secret` (parsed
   * from its Secret) or `status` (the Secret was not read: fingerprint and serial are then `''`).
   */
  readonly certManager?: CertManagerLink;
}

/** A finding as reported; `source` is normalised like certificate sources. */
export type ReportFinding = Omit<Finding, 'source'> & { readonly source?: ReportSource };

/** Material that could not be parsed. */
export type ReportError = Omit<ParseError, 'source'> & { readonly source?: ReportSource };

/** An upstream CA the cluster depends on (an addition to the first release's shape, present when any). */
export interface ReportUpstream {
  readonly kind: 'vault' | 'aws-pca';
  /** Vault: the mount's URL (`https://vault:8200/v1/pki_int`); Private CA: its ARN. */
  readonly name: string;
  readonly namespace?: string;
  readonly configured: boolean;
  /** Cluster objects naming it: `ClusterIssuer vault-issuer`, `AWSPCAIssuer team-a/pca`. */
  readonly discoveredFrom: readonly string[];
  readonly status: 'ok' | 'partial' | 'failed';
}

/** One cluster's section of the report. */
export interface ReportCluster {
  readonly name: string;
  readonly status: ClusterStatus;
  readonly certificates: readonly ReportCertificate[];
  readonly findings: readonly ReportFinding[];
  readonly errors: readonly ReportError[];
  /** How completely each source was read (`complete` / `incomplete` / `failed`); absent offline. */
  readonly sourceStatus?: Readonly<Record<string, SourceStatus>>;
  readonly upstreams?: readonly ReportUpstream[];
}

/** The whole JSON report. */
export interface JsonReport {
  readonly schemaVersion: 1;
  readonly generatedAt: string;
  readonly clusters: readonly ReportCluster[];
}

/** What the builder needs per cluster: the assessment plus findings from outside the domain (blind spots). */
export interface ClusterInput {
  readonly name: string;
  readonly status: ClusterStatus;
  readonly assessment: Assessment;
  readonly extraFindings?: readonly Finding[];
  readonly sources?: readonly { readonly name: string; readonly status: SourceStatus }[];
  readonly upstreams?: readonly UpstreamRead[];
}

/** Builds the JSON report; certificates keep the assessment's order, findings are sorted worst first. */
export function buildJsonReport(generatedAt: Date, clusters: readonly ClusterInput[]): JsonReport {
  return { schemaVersion: 1, generatedAt: generatedAt.toISOString(), clusters: clusters.map(toCluster) };
}

function toCluster(input: ClusterInput): ReportCluster {
  const findings = [...input.assessment.findings, ...(input.extraFindings ?? [])];
  return {
    name: input.name,
    status: input.status,
    certificates: [
      ...input.assessment.certificates.map(toCertificate),
      ...(input.assessment.statusCertificates ?? []).map(fromStatus),
    ],
    findings: findings.sort(bySeverityDesc).map(({ source, ...rest }) => withSource(rest, source)),
    errors: input.assessment.errors.map(({ source, ...rest }) => withSource(rest, source)),
    ...(input.sources
      ? { sourceStatus: Object.fromEntries(input.sources.map((s) => [s.name, s.status])) }
      : {}),
    ...(input.upstreams?.length ? { upstreams: input.upstreams.map(toUpstream) } : {}),
  };
}

function toUpstream(read: UpstreamRead): ReportUpstream {
  const { ref } = read;
  const where =
    ref.kind === 'vault'
      ? { name: `${ref.address}/v1/${ref.mount}`, ...(ref.namespace ? { namespace: ref.namespace } : {}) }
      : { name: ref.arn };
  return {
    kind: ref.kind,
    ...where,
    configured: read.configured,
    discoveredFrom: [...read.discoveredFrom],
    status: read.status,
  };
}

function toCertificate(cert: AssessedCertificate): ReportCertificate {
  const f = cert.facts;
  return {
    fingerprint: f.fingerprint,
    subject: f.subject,
    issuer: f.issuer,
    serialNumber: f.serialNumber,
    notBefore: isoDate(f.notBefore),
    notAfter: isoDate(f.notAfter),
    level: cert.level,
    role: cert.role,
    spiffeIds: [...f.spiffeIds],
    sources: cert.sources.map(toReportSource),
    daysLeft: cert.daysLeft,
    severity: cert.severity,
    effectiveNotAfter: isoDate(cert.effectiveNotAfter),
    chainId: cert.chainId,
    ...(cert.issuerFingerprint ? { issuerFingerprint: cert.issuerFingerprint } : {}),
    ...(cert.mesh ? { mesh: cert.mesh } : {}),
    dnsNames: [...f.dnsNames],
    ...(cert.certManager ? { certManager: cert.certManager } : {}),
  };
}

/** A Certificate known from its status: one entry, its source the Certificate itself. */
function fromStatus(cert: StatusCertificate): ReportCertificate {
  const { namespace, name, issuer } = cert.certManager;
  return {
    fingerprint: '',
    subject: cert.subject,
    issuer: issuer ?? '',
    serialNumber: '',
    notBefore: cert.notBefore ? isoDate(cert.notBefore) : '',
    notAfter: isoDate(cert.notAfter),
    level: cert.level,
    role: cert.role,
    spiffeIds: [],
    sources: [{ kind: 'Certificate', namespace, name, key: 'status' }],
    daysLeft: cert.daysLeft,
    severity: cert.severity,
    effectiveNotAfter: isoDate(cert.notAfter),
    chainId: `Certificate/${namespace}/${name}`,
    mesh: 'cert-manager',
    dnsNames: [...cert.dnsNames],
    certManager: cert.certManager,
  };
}

/** ISO 8601; toISOString keeps four-digit years for 0001–9999, the range X.509 allows. */
function isoDate(date: Date): string {
  return date.toISOString();
}

/** Normalised source: all four fields present. */
export function toReportSource(source: SourceLocation): ReportSource {
  return { kind: source.kind, namespace: source.namespace ?? '', name: source.name, key: source.key ?? '' };
}

function withSource<T extends object>(rest: T, source: SourceLocation | undefined) {
  return source ? { ...rest, source: toReportSource(source) } : rest;
}

const RANK: Readonly<Record<CertSeverity, number>> = { ok: 0, info: 1, warning: 2, critical: 3 };

/** Numeric rank of a severity (`ok` 0 … `critical` 3), for sorting and thresholds. */
export function severityRank(severity: CertSeverity): number {
  return RANK[severity];
}

function bySeverityDesc(a: Finding, b: Finding): number {
  return RANK[b.severity] - RANK[a.severity];
}
