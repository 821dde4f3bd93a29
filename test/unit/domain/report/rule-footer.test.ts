/** Findings link to their rule's anchor in docs/rules.md: the table footer and every anchor exists. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JsonReport, renderTable } from '#domain/report';
import { ruleDocAnchor } from '#domain/rule-doc';

const catalogue = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'rules.md'), 'utf8');
const headings = new Set([...catalogue.matchAll(/^#{2,4} (\S+)$/gm)].map((m) => m[1]));

const report = (rules: string[]): JsonReport =>
  ({
    schemaVersion: 1,
    generatedAt: '2026-05-01T00:00:00.000Z',
    clusters: [
      {
        name: 'prod',
        status: 'partial',
        certificates: [],
        findings: rules.map((rule) => ({ severity: 'warning', rule, message: `${rule} fired` })),
        errors: [],
      },
    ],
  }) as unknown as JsonReport;

it('ends the table with the anchor of each rule that fired, once each, sorted', () => {
  const text = renderTable(report(['expiring_soon', 'blind_spot', 'expiring_soon']), { width: 100 });
  const footer = text.slice(text.indexOf('Rules explained: '));
  expect(footer).toBe('Rules explained: docs/rules.md#blind_spot, docs/rules.md#expiring_soon\n');
});

it('has no footer when nothing fired', () => {
  expect(renderTable(report([]))).not.toContain('Rules explained');
});

it.each(['expired', 'expiring_soon', 'blind_spot', 'chain_broken', 'rotation_overdue', 'scan_missed'])(
  '%s has its anchor as a heading of docs/rules.md',
  (rule) => {
    const anchor = ruleDocAnchor(rule);
    expect(anchor).toBe(`docs/rules.md#${rule}`);
    expect(headings).toContain(rule);
  },
);
