/** Renders a JSON report as a terminal table: per cluster, per chain, worst first, then findings. Pure. */
import type { CertSeverity } from '../model';
import type { JsonReport, ReportCertificate, ReportCluster, ReportSource } from './json-report';
import { severityRank } from './json-report';
import { type Column, colour, fitColumns, renderRows, truncate, wrap } from './text-layout';

/** How to render: `color` only for terminals; `width` in columns (default 100). */
export interface TableOptions {
  readonly color?: boolean;
  readonly width?: number;
}

const COLUMNS: readonly Column[] = [
  { header: 'LEVEL', min: 12 },
  { header: 'ROLE', max: 24, min: 8 },
  { header: 'SUBJECT', max: 48, min: 10 },
  { header: 'NOT AFTER', min: 10 },
  { header: 'DAYS LEFT', align: 'right', min: 9 },
  { header: 'SEVERITY', min: 8 },
  { header: 'SOURCES', min: 10, cut: 'start' },
];

const SOURCES = 6;
const SEVERITY_COLOUR = { ok: 'green', info: 'cyan', warning: 'yellow', critical: 'red' } as const;
const LEVEL_ORDER = { root: 0, intermediate: 1, leaf: 2 } as const;

/** Renders the whole report as text ending with a newline. */
export function renderTable(report: JsonReport, options: TableOptions = {}): string {
  const opts = { color: options.color ?? false, width: options.width ?? 100 };
  return `${report.clusters.map((cluster) => renderCluster(cluster, opts).join('\n')).join('\n\n')}\n`;
}

function renderCluster(cluster: ReportCluster, opts: Required<TableOptions>): string[] {
  const lines = [colour(opts.color, 'bold', clusterHeadline(cluster))];
  const chains = groupChains(cluster.certificates);
  if (chains.length === 0) lines.push('  no certificates found');
  else lines.push('', ...renderChains(chains, opts));
  if (cluster.findings.length > 0) lines.push('', colour(opts.color, 'bold', 'FINDINGS'));
  for (const finding of cluster.findings) {
    const label = colour(opts.color, SEVERITY_COLOUR[finding.severity], finding.severity.toUpperCase());
    const where = finding.source ? `  (${describeSource(finding.source)})` : '';
    lines.push(`${label}  ${finding.rule}${where}`);
    lines.push(...wrap('  ', finding.message, opts.width, '  '));
    if (finding.remediation) lines.push(...wrap('  fix: ', finding.remediation, opts.width, '       '));
  }
  if (cluster.errors.length > 0) lines.push('', colour(opts.color, 'bold', 'UNREADABLE MATERIAL'));
  for (const error of cluster.errors) {
    const where = error.source ? `${describeSource(error.source)}: ` : '';
    lines.push(...wrap(`${error.reason}  `, `${where}${error.detail}`, opts.width, '  '));
  }
  return lines;
}

function clusterHeadline(cluster: ReportCluster): string {
  const counts = (['critical', 'warning', 'info'] as const)
    .map((s) => [s, cluster.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const findings = counts.length > 0 ? counts.join(', ') : 'no findings';
  const certs = `${cluster.certificates.length} certificate${cluster.certificates.length === 1 ? '' : 's'}`;
  return `CLUSTER ${cluster.name} (${cluster.status}): ${certs}, ${findings}`;
}

function renderChains(chains: ReportCertificate[][], opts: Required<TableOptions>): string[] {
  const rows = chains.map((chain) => chain.map(toRow));
  const widths = fitColumns(COLUMNS, rows.flat(), opts.width);
  // Cut the first source, not the "+N more" that follows it.
  chains.forEach((chain, i) => {
    chain.forEach((cert, r) => {
      const row = rows[i]?.[r];
      if (row) row[SOURCES] = sourcesCell(cert, widths[SOURCES] ?? 0);
    });
  });
  const header = renderRows(COLUMNS, widths, [COLUMNS.map((c) => c.header)])[0] ?? '';
  const lines = [colour(opts.color, 'dim', header)];
  let limited = false;
  chains.forEach((chain, i) => {
    const anchor = chain.find((c) => c.fingerprint === c.chainId) ?? chain[0];
    const name =
      commonNameFirst(anchor?.subject ?? '') || anchor?.spiffeIds[0] || anchor?.fingerprint.slice(0, 16);
    const title = `chain: ${name}`;
    lines.push(colour(opts.color, 'dim', truncate(title, opts.width)));
    const paint = (r: number, c: number, text: string) =>
      c === 5 ? colour(opts.color, SEVERITY_COLOUR[chain[r]?.severity ?? 'ok'], text) : text;
    lines.push(...renderRows(COLUMNS, widths, rows[i] ?? [], paint));
    limited ||= chain.some(isLimitedByIssuer);
  });
  if (limited) lines.push('* days left limited by an issuer on the path that expires first');
  return lines;
}

function toRow(cert: ReportCertificate): string[] {
  const subject = commonNameFirst(cert.subject) || cert.spiffeIds[0] || cert.dnsNames[0] || '(empty subject)';
  return [
    cert.level,
    cert.role,
    subject,
    cert.notAfter.slice(0, 10),
    `${cert.daysLeft}${isLimitedByIssuer(cert) ? '*' : ''}`,
    cert.severity,
    sourcesCell(cert, Number.POSITIVE_INFINITY),
  ];
}

/** First source (cut at its start to fit `width`) plus ` +N more`. */
function sourcesCell(cert: ReportCertificate, width: number): string {
  const first = cert.sources[0];
  if (!first) return '';
  const more = cert.sources.length > 1 ? ` +${cert.sources.length - 1} more` : '';
  return `${truncate(describeSource(first), Math.max(width - more.length, 4), 'start')}${more}`;
}

/** Moves the CN to the front so a cut subject still shows it (`E=…,CN=Root` → `CN=Root,E=…`). */
export function commonNameFirst(subject: string): string {
  const parts = subject.split(/(?<!\\),(?=[A-Za-z][A-Za-z0-9.-]*=)/);
  const cn = parts.findIndex((part) => part.toUpperCase().startsWith('CN='));
  if (cn <= 0) return subject;
  return [parts[cn], ...parts.slice(0, cn), ...parts.slice(cn + 1)].join(',');
}

function isLimitedByIssuer(cert: ReportCertificate): boolean {
  return cert.effectiveNotAfter < cert.notAfter;
}

/** `Secret istio-system/cacerts:ca-cert.pem`, or just the path for a file. */
export function describeSource(source: ReportSource): string {
  if (source.kind === 'File') return source.key ? `${source.name}:${source.key}` : source.name;
  const place = source.namespace ? `${source.namespace}/${source.name}` : source.name;
  return `${source.kind} ${place}${source.key ? `:${source.key}` : ''}`;
}

/** Certificates grouped by chain; chains and rows ordered worst first (severity, then days left). */
export function groupChains(certificates: readonly ReportCertificate[]): ReportCertificate[][] {
  const byChain = new Map<string, ReportCertificate[]>();
  for (const cert of certificates) {
    const chain = byChain.get(cert.chainId);
    if (chain) chain.push(cert);
    else byChain.set(cert.chainId, [cert]);
  }
  const chains = [...byChain.values()].map((chain) => chain.sort(worstFirst));
  return chains.sort((a, b) => worstFirst(a[0] as ReportCertificate, b[0] as ReportCertificate));
}

function worstFirst(a: ReportCertificate, b: ReportCertificate): number {
  return (
    rank(b.severity) - rank(a.severity) ||
    a.daysLeft - b.daysLeft ||
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    a.subject.localeCompare(b.subject)
  );
}

function rank(severity: CertSeverity): number {
  return severityRank(severity);
}
