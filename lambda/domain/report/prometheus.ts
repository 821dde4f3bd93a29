/** Renders a JSON report in the Prometheus text exposition format (version 0.0.4). Pure. */
import type { JsonReport, ReportCertificate, ReportCluster } from './json-report';
import { describeSource } from './table';

/** Escapes a label value: backslash, double quote and newline, as the exposition format requires. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string>): string {
  const body = Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    .join(',');
  return `{${body}}`;
}

/** Labels of one certificate series; the fingerprint keeps two certificates at one source apart. */
function certificateLabels(cluster: ReportCluster, cert: ReportCertificate): string {
  const first = cert.sources[0];
  return labels({
    cluster: cluster.name,
    level: cert.level,
    role: cert.role,
    source: first ? describeSource(first) : '',
    subject: cert.subject,
    fingerprint: cert.fingerprint,
  });
}

/** Renders the expiry gauges per certificate and the findings count per cluster and severity. */
export function renderPrometheus(report: JsonReport): string {
  const lines = [
    '# HELP certwatch_certificate_expiry_timestamp_seconds notAfter of the certificate, in Unix seconds.',
    '# TYPE certwatch_certificate_expiry_timestamp_seconds gauge',
    ...report.clusters.flatMap((cluster) =>
      cluster.certificates.map(
        (cert) =>
          `certwatch_certificate_expiry_timestamp_seconds${certificateLabels(cluster, cert)} ${Date.parse(cert.notAfter) / 1000}`,
      ),
    ),
    '# HELP certwatch_certificate_days_left Whole days until the earliest notAfter on the path to a trust anchor.',
    '# TYPE certwatch_certificate_days_left gauge',
    ...report.clusters.flatMap((cluster) =>
      cluster.certificates.map(
        (cert) => `certwatch_certificate_days_left${certificateLabels(cluster, cert)} ${cert.daysLeft}`,
      ),
    ),
    '# HELP certwatch_findings Number of findings per cluster and severity.',
    '# TYPE certwatch_findings gauge',
    ...report.clusters.flatMap((cluster) =>
      (['critical', 'warning', 'info'] as const).map((severity) => {
        const count = cluster.findings.filter((f) => f.severity === severity).length;
        return `certwatch_findings${labels({ cluster: cluster.name, severity })} ${count}`;
      }),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
