/**
 * Renders a JSON report (plus, when known, the scan's health and the build) in the Prometheus text
 * exposition format 0.0.4, in base units so `promtool check metrics` accepts it. Label names follow
 * x509-certificate-exporter where the meaning is the same (`subject_CN`, `issuer_CN`,
 * `serial_number` in decimal); docs/metrics.md maps the rest. Pure.
 */
import type { JsonReport, ReportCertificate, ReportCluster, ReportSource } from './json-report';
import type { BuildInfo, ClusterHealth } from './scan-health';
import { commonName } from './table-chains';

/** What the exposition adds to the report when the caller knows it. */
export interface PrometheusExtras {
  readonly health?: readonly ClusterHealth[];
  readonly build?: BuildInfo;
}

/** Escapes a label value: backslash, double quote and newline, as the exposition format requires. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

type Labels = Readonly<Record<string, string>>;

/** One sample: labels and value. */
interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

/** One metric family: every exposed family is a gauge. */
interface Family {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly Sample[];
}

function labelText(labels: Labels): string {
  const body = Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    .join(',');
  return `{${body}}`;
}

/** Exposition text of the families that have samples (an empty family is left out). */
function render(families: readonly Family[]): string {
  const lines = families
    .filter((f) => f.samples.length > 0)
    .flatMap((f) => [
      `# HELP ${f.name} ${f.help}`,
      `# TYPE ${f.name} gauge`,
      ...f.samples.map((s) => `${f.name}${labelText(s.labels)} ${formatValue(s.value)}`),
    ]);
  return `${lines.join('\n')}\n`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

/** Decimal serial number, as x509-certificate-exporter writes it (the JSON report keeps hex). */
export function decimalSerial(hex: string): string {
  return /^[0-9a-f]+$/i.test(hex) ? BigInt(`0x${hex}`).toString(10) : '';
}

/** Labels naming one certificate of one cluster (no place): identity, level, role, names. */
function certificateLabels(cluster: ReportCluster, cert: ReportCertificate): Labels {
  return {
    cluster: cluster.name,
    level: cert.level,
    role: cert.role,
    mesh: cert.mesh ?? '',
    subject_CN: commonName(cert.subject),
    issuer_CN: commonName(cert.issuer),
    serial_number: decimalSerial(cert.serialNumber),
    fingerprint: cert.fingerprint,
  };
}

/**
 * Labels of one place a certificate was seen. `source_` prefixed: a ServiceMonitor scrape adds the
 * target's own `namespace`, which would otherwise rename ours to `exported_namespace`.
 */
function placeLabels(source: ReportSource): Labels {
  return {
    source_kind: source.kind,
    source_namespace: source.namespace,
    source_name: source.name,
    source_key: source.key,
  };
}

function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

const SEVERITY_VALUE = { ok: 0, info: 1, warning: 2, critical: 3 } as const;

/** Families with one sample per certificate and place it was seen (x509-certificate-exporter's shape). */
function placeFamilies(report: JsonReport): Family[] {
  const perPlace = (value: (c: ReportCertificate) => number): Sample[] =>
    report.clusters.flatMap((cluster) =>
      cluster.certificates.flatMap((cert) =>
        cert.sources.map((source) => ({
          labels: { ...certificateLabels(cluster, cert), ...placeLabels(source) },
          value: value(cert),
        })),
      ),
    );
  return [
    {
      name: 'certwatch_certificate_expiry_timestamp_seconds',
      help: 'notAfter of the certificate in Unix seconds, one series per place it was seen (x509_cert_not_after).',
      samples: perPlace((c) => seconds(c.notAfter)),
    },
    {
      name: 'certwatch_certificate_not_before_timestamp_seconds',
      help: 'notBefore of the certificate in Unix seconds, one series per place it was seen (x509_cert_not_before).',
      samples: perPlace((c) => seconds(c.notBefore)),
    },
  ];
}

/** Families with one sample per certificate: certwatch's own verdicts. */
function verdictFamilies(report: JsonReport): Family[] {
  const at = seconds(report.generatedAt);
  const perCert = (value: (c: ReportCertificate) => number): Sample[] =>
    report.clusters.flatMap((cluster) =>
      cluster.certificates.map((cert) => ({ labels: certificateLabels(cluster, cert), value: value(cert) })),
    );
  return [
    {
      name: 'certwatch_certificate_effective_expiry_timestamp_seconds',
      help: 'Earliest notAfter on the path to a trust anchor (the certificate stops working then), in Unix seconds.',
      samples: perCert((c) => seconds(c.effectiveNotAfter)),
    },
    {
      name: 'certwatch_certificate_expires_in_seconds',
      help: 'Seconds from the scan instant to the effective expiry; negative once expired.',
      samples: perCert((c) => seconds(c.effectiveNotAfter) - at),
    },
    {
      name: 'certwatch_certificate_severity',
      help: "certwatch's verdict on the certificate at the scan instant: 0 ok, 1 info, 2 warning, 3 critical.",
      samples: perCert((c) => SEVERITY_VALUE[c.severity]),
    },
  ];
}

function findingFamilies(report: JsonReport): Family[] {
  const byRule = report.clusters.flatMap((cluster) => {
    const counts = new Map<string, { rule: string; severity: string; count: number }>();
    for (const f of cluster.findings) {
      const key = `${f.rule}\u0000${f.severity}`;
      const entry = counts.get(key) ?? { rule: f.rule, severity: f.severity, count: 0 };
      counts.set(key, { ...entry, count: entry.count + 1 });
    }
    return [...counts.values()].map(({ rule, severity, count }) => ({
      labels: { cluster: cluster.name, rule, severity },
      value: count,
    }));
  });
  return [
    {
      name: 'certwatch_findings',
      help: 'Number of findings per cluster and severity.',
      samples: report.clusters.flatMap((cluster) =>
        (['critical', 'warning', 'info'] as const).map((severity) => ({
          labels: { cluster: cluster.name, severity },
          value: cluster.findings.filter((f) => f.severity === severity).length,
        })),
      ),
    },
    {
      name: 'certwatch_rule_findings',
      help: 'Number of findings per cluster, rule and severity (rules that fired only; see docs/rules.md).',
      samples: byRule,
    },
  ];
}

function healthFamilies(health: readonly ClusterHealth[]): Family[] {
  return [
    {
      name: 'certwatch_scan_success',
      help: 'Whether the last scan reached the cluster (1) or not (0); blind spots are counted apart.',
      samples: health.map((h) => ({ labels: { cluster: h.cluster }, value: h.succeeded ? 1 : 0 })),
    },
    {
      name: 'certwatch_scan_duration_seconds',
      help: 'Wall time of the last scan of the cluster, in seconds.',
      samples: health.map((h) => ({ labels: { cluster: h.cluster }, value: h.durationSeconds })),
    },
    {
      name: 'certwatch_scan_last_success_timestamp_seconds',
      help: 'When the cluster was last scanned successfully, in Unix seconds.',
      samples: health.flatMap((h) =>
        h.lastSuccess ? [{ labels: { cluster: h.cluster }, value: h.lastSuccess.getTime() / 1000 }] : [],
      ),
    },
    {
      name: 'certwatch_blind_spots',
      help: 'Reads that failed in the last scan, per cluster and source (source="cluster": not reached at all).',
      samples: health.flatMap((h) =>
        Object.entries(h.blindSpots).map(([source, count]) => ({
          labels: { cluster: h.cluster, source },
          value: count,
        })),
      ),
    },
  ];
}

/** Renders the certificate, finding, scan-health and build-info gauges. */
export function renderPrometheus(report: JsonReport, extras: PrometheusExtras = {}): string {
  const build: Family = {
    name: 'certwatch_build_info',
    help: 'Always 1; the labels say which certwatch and which Node.js produced these metrics.',
    samples: extras.build
      ? [{ labels: { version: extras.build.version, node_version: extras.build.nodeVersion }, value: 1 }]
      : [],
  };
  return render([
    ...placeFamilies(report),
    ...verdictFamilies(report),
    ...findingFamilies(report),
    ...healthFamilies(extras.health ?? []),
    build,
  ]);
}
