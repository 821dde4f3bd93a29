/**
 * Renders a JSON report for a terminal: per cluster a headline, the chains worst first (two lines
 * per certificate, see table-chains.ts), then findings with their fix and unreadable material. Pure.
 */
import { printableDeep } from '../printable';
import { ruleDocAnchor } from '../rule-doc';
import type { JsonReport, ReportCluster } from './json-report';
import { describeSource, groupChains, renderChains } from './table-chains';
import { colour, truncate, wrap } from './text-layout';

export { commonName, commonNameFirst, describeSource, groupChains, subjectLabel } from './table-chains';

/** How to render: `color` only for terminals; `width` in columns (default 100). */
export interface TableOptions {
  readonly color?: boolean;
  readonly width?: number;
}

const SEVERITY_COLOUR = { ok: 'green', info: 'cyan', warning: 'yellow', critical: 'red' } as const;

/** Renders the whole report as text ending with a newline. */
export function renderTable(report: JsonReport, options: TableOptions = {}): string {
  const opts = { color: options.color ?? false, width: options.width ?? 100 };
  // Every string may come from a certificate (SANs, names, messages): none may drive the terminal.
  const safe = printableDeep(report);
  const body = safe.clusters.map((cluster) => renderCluster(cluster, opts).join('\n')).join('\n\n');
  return `${body}\n${ruleFooter(safe, opts)}`;
}

/** The footer: where each rule that fired is explained (its anchor in the catalogue), or ''. */
function ruleFooter(report: JsonReport, opts: Required<TableOptions>): string {
  const rules = [...new Set(report.clusters.flatMap((c) => c.findings.map((f) => f.rule)))].sort();
  if (rules.length === 0) return '';
  const links = rules.map(ruleDocAnchor).join(', ');
  return `\n${wrap('Rules explained: ', links, opts.width, '  ').join('\n')}\n`;
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
    // A long source goes on its own line rather than past the terminal's edge.
    const fits = finding.severity.length + 2 + finding.rule.length + where.length <= opts.width;
    lines.push(`${label}  ${finding.rule}${fits ? where : ''}`);
    if (!fits) lines.push(truncate(`  at ${describeSource(finding.source!)}`, opts.width));
    lines.push(...wrap('  ', finding.message, opts.width, '  '));
    if (finding.remediation) lines.push(...wrap('  fix: ', finding.remediation, opts.width, '       '));
  }
  if (cluster.upstreams?.length) lines.push('', colour(opts.color, 'bold', 'UPSTREAM CAS'));
  for (const up of cluster.upstreams ?? []) {
    const why = [up.configured ? 'configured' : '', ...up.discoveredFrom].filter(Boolean).join(', ');
    const ns = up.namespace ? ` (namespace ${up.namespace})` : '';
    const label = up.kind === 'vault' ? 'Vault PKI' : 'AWS Private CA';
    lines.push(
      ...wrap(`${up.status.padEnd(8)}`, `${label} ${up.name}${ns}: ${why}`, opts.width, '          '),
    );
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
