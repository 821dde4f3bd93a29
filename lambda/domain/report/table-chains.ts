/**
 * The certificate part of the table: one block per chain (heading with the anchor's expiry and
 * fingerprint, so two anchors with one subject stay apart), two lines per certificate: the facts,
 * then where it lives. Pure.
 */
import { formatDay } from '../format-date';
import type { CertSeverity } from '../model';
import type { ReportCertificate, ReportSource } from './json-report';
import { severityRank } from './json-report';
import { type Column, colour, fitColumns, GAP, renderRows, truncate } from './text-layout';

/** How the chain block is drawn. */
export interface ChainLayout {
  readonly color: boolean;
  readonly width: number;
}

// SUBJECT comes last so it gets whatever the fixed columns leave (and needs no padding); DAYS is
// short for days left, which saves the width a typical CN (`linkerd-proxy-injector.linkerd.svc`,
// 34) needs beside a 20-character role at 100 columns. ROLE never gives way before SUBJECT does
// (widest shrinks first; roles are ≤ ~23 characters).
const COLUMNS: readonly Column[] = [
  { header: 'LEVEL', min: 12 },
  { header: 'ROLE', max: 28, min: 12 },
  { header: 'NOT AFTER', min: 10 },
  { header: 'DAYS', align: 'right', min: 4 },
  { header: 'SEVERITY', min: 8 },
  { header: 'SUBJECT', min: 12 },
];
const SEVERITY = 4;
const SUBJECT = 5;
const NARROW_INDENT = 4;
const SEVERITY_COLOUR = { ok: 'green', info: 'cyan', warning: 'yellow', critical: 'red' } as const;
const LEVEL_ORDER = { root: 0, intermediate: 1, leaf: 2 } as const;

/** Header, then per chain a heading and two lines per certificate; a footnote when `*` was used. */
export function renderChains(chains: readonly ReportCertificate[][], layout: ChainLayout): string[] {
  const rows = chains.map((chain) => chain.map(toRow));
  const widths = fitColumns(COLUMNS, rows.flat(), layout.width);
  for (const row of rows.flat()) row[SUBJECT] = fitSubject(row[SUBJECT] ?? '', widths[SUBJECT] ?? 0);
  const indent = locationIndent(chains, (widths[0] ?? 0) + GAP.length, layout.width);
  const header = renderRows(COLUMNS, widths, [COLUMNS.map((c) => c.header)])[0] ?? '';
  const lines = [colour(layout.color, 'dim', header), colour(layout.color, 'dim', `${indent}SOURCES`)];
  chains.forEach((chain, i) => {
    lines.push('', colour(layout.color, 'bold', chainHeading(chain, layout.width)));
    const paint = (r: number, c: number, text: string) =>
      c === SEVERITY ? colour(layout.color, SEVERITY_COLOUR[chain[r]?.severity ?? 'ok'], text) : text;
    const facts = renderRows(COLUMNS, widths, rows[i] ?? [], paint);
    chain.forEach((cert, r) => {
      lines.push(facts[r] ?? '', locationLine(cert, indent, layout.width));
    });
  });
  if (chains.some((chain) => chain.some(isLimitedByIssuer))) {
    lines.push('', '* days left limited by an issuer on the path that expires first');
  }
  return lines;
}

function toRow(cert: ReportCertificate): string[] {
  return [
    cert.level,
    cert.role,
    formatDay(cert.notAfter),
    `${cert.daysLeft}${isLimitedByIssuer(cert) ? '*' : ''}`,
    cert.severity,
    subjectLabel(cert),
  ];
}

/** The CN (what people call a certificate by); else its SPIFFE ID, DNS name or whole subject. */
export function subjectLabel(cert: ReportCertificate): string {
  return (
    commonName(cert.subject) || cert.spiffeIds[0] || cert.dnsNames[0] || cert.subject || '(empty subject)'
  );
}

/**
 * A SPIFFE ID keeps its end (`…/ns/web/sa/frontend` names the workload; the trust domain repeats
 * on every row); a CN keeps both ends (`linkerd-proxy-i…tor.linkerd.svc`).
 */
function fitSubject(label: string, width: number): string {
  return truncate(label, width, label.startsWith('spiffe://') ? 'start' : 'middle');
}

/** `chain: root.linkerd.cluster.local (root not after 2026-12-29, sha256 3f2a91c0)`. */
function chainHeading(chain: readonly ReportCertificate[], width: number): string {
  const anchor = chain.find((c) => c.fingerprint === c.chainId) ?? chain[chain.length - 1];
  if (!anchor) return 'chain:';
  if (anchor.certManager?.factsFrom === 'status') {
    const { namespace, name, secretName } = anchor.certManager;
    const suffix = ` (from its status: no certificate read from Secret ${secretName})`;
    return `Certificate ${truncate(`${namespace}/${name}`, Math.max(width - suffix.length - 12, 12))}${suffix}`;
  }
  const suffix = ` (${anchor.level} not after ${formatDay(anchor.notAfter)}, sha256 ${anchor.fingerprint.slice(0, 8)})`;
  const name = commonNameFirst(anchor.subject) || anchor.spiffeIds[0] || '(empty subject)';
  return `chain: ${truncate(name, Math.max(width - suffix.length - 7, 12))}${suffix}`;
}

/**
 * Location lines start under ROLE, so the LEVEL column stays a clean stripe down the left; when one
 * of them would not fit there, all start at column 4 instead (one indent per table).
 */
function locationIndent(chains: readonly ReportCertificate[][], underRole: number, width: number): string {
  const longest = Math.max(...chains.flat().map((cert) => locationText(cert).length));
  return ' '.repeat(underRole + longest <= width ? underRole : NARROW_INDENT);
}

/** Where the certificate lives: the first source in full, then `+N more` (the JSON report lists all). */
function locationLine(cert: ReportCertificate, indent: string, width: number): string {
  const first = cert.sources[0];
  if (!first) return `${indent}${locationText(cert)}`;
  const more = moreText(cert);
  // Objects keep kind/namespace/name (how to find them), files keep the file name.
  const cut = first.kind === 'File' ? 'start' : 'end';
  return `${indent}${truncate(describeSource(first), Math.max(width - indent.length - more.length, 8), cut)}${more}`;
}

function locationText(cert: ReportCertificate): string {
  const first = cert.sources[0];
  return first ? `${describeSource(first)}${moreText(cert)}` : '(no source recorded)';
}

function moreText(cert: ReportCertificate): string {
  return cert.sources.length > 1 ? ` +${cert.sources.length - 1} more` : '';
}

/** The value of the first CN in an RFC 4514-style subject, or `''`. */
export function commonName(subject: string): string {
  const cn = splitRdns(subject).find((part) => part.toUpperCase().startsWith('CN='));
  return cn ? cn.slice(3) : '';
}

/** Moves the CN to the front so a cut subject still shows it (`E=…,CN=Root` → `CN=Root,E=…`). */
export function commonNameFirst(subject: string): string {
  const parts = splitRdns(subject);
  const cn = parts.findIndex((part) => part.toUpperCase().startsWith('CN='));
  if (cn <= 0) return subject;
  return [parts[cn], ...parts.slice(0, cn), ...parts.slice(cn + 1)].join(',');
}

function splitRdns(subject: string): string[] {
  return subject.split(/(?<!\\),(?=[A-Za-z][A-Za-z0-9.-]*=)/);
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
