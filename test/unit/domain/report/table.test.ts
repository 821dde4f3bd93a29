import { buildJsonReport, renderTable } from '#domain/report';

import { assessed, NOW } from './build-assessment';

const healthyRoot = assessed({
  id: 'a1',
  subject: 'CN=Healthy Root',
  level: 'root',
  role: 'istio-root',
  daysLeft: 3000,
});
const healthyLeaf = assessed({
  id: 'a2',
  subject: 'CN=healthy-leaf',
  level: 'leaf',
  daysLeft: 20,
  chainId: 'a1',
});
const badRoot = assessed({
  id: 'b1',
  subject: 'CN=Dying Root,O=Example Corporation With A Very Long Organisation Name,L=Somewhere Far Away',
  level: 'root',
  role: 'linkerd-trust-anchor',
  daysLeft: 5,
  severity: 'critical',
});
const badLeaf = assessed({
  id: 'b2',
  subject: '',
  spiffeIds: ['spiffe://cluster.local/ns/web/sa/frontend'],
  level: 'leaf',
  role: 'linkerd-workload',
  daysLeft: 5,
  ownDaysLeft: 2,
  severity: 'warning',
  chainId: 'b1',
  sources: [
    {
      kind: 'Secret',
      namespace: 'a-rather-long-namespace-name',
      name: 'linkerd-identity-issuer',
      key: 'tls.crt',
    },
    { kind: 'Secret', namespace: 'two', name: 'x' },
    { kind: 'Secret', namespace: 'three', name: 'x' },
  ],
});
const issuerLimited = assessed({
  id: 'b3',
  subject: 'CN=issuer',
  level: 'intermediate',
  daysLeft: 5,
  ownDaysLeft: 300,
  chainId: 'b1',
});

const report = buildJsonReport(NOW, [
  {
    name: 'local',
    status: 'ok',
    assessment: {
      certificates: [healthyLeaf, healthyRoot, badLeaf, badRoot, issuerLimited],
      findings: [
        {
          severity: 'critical',
          rule: 'root_expiring',
          fingerprint: badRoot.facts.fingerprint,
          message:
            'The Linkerd trust anchor CN=Dying Root expires in 5 days; every proxy will fail mTLS after that.',
          remediation: 'Add a new trust anchor to the bundle, roll the issuer, then remove the old anchor.',
        },
      ],
      errors: [
        {
          reason: 'no_certificate',
          position: 0,
          detail: 'no certificate found',
          source: { kind: 'File', name: 'empty.pem' },
        },
      ],
    },
  },
]);

/** The two lines of the certificate whose first line ends with `subject` (the last column). */
function block(lines: readonly string[], subject: string): [string, string] {
  const i = lines.findIndex((line) => /^(root|intermediate|leaf)\s/.test(line) && line.endsWith(subject));
  return [lines[i] ?? '', lines[i + 1] ?? ''];
}

describe('renderTable', () => {
  const text = renderTable(report, { width: 100 });
  const lines = text.split('\n');

  it('fits a 100-column terminal', () => {
    expect(lines.filter((line) => line.length > 100)).toEqual([]);
  });

  it('lists the worst chain first and, inside it, the worst certificate first', () => {
    const rows = lines.filter((line) => /^(root|intermediate|leaf)\s/.test(line));
    const subjects = rows.map((row) => row.split(/\s{2,}/).at(-1));
    expect(subjects).toEqual([
      'Dying Root',
      expect.stringMatching(/^…[a-z.:/]*\/ns\/web\/sa\/frontend$/),
      'issuer',
      'healthy-leaf',
      'Healthy Root',
    ]);
    expect(text.indexOf('chain: CN=Dying Root')).toBeLessThan(text.indexOf('chain: CN=Healthy Root'));
  });

  it('shows level, the full role, not-after date, days left, severity and, last, the CN on one line', () => {
    expect(text).toMatch(/LEVEL\s+ROLE\s+NOT AFTER\s+DAYS\s+SEVERITY\s+SUBJECT\n\s+SOURCES/);
    const [facts] = block(lines, 'Dying Root');
    const notAfter = badRoot.facts.notAfter.toISOString().slice(0, 10);
    expect(facts.split(/\s{2,}/)).toEqual([
      'root',
      'linkerd-trust-anchor',
      notAfter,
      '5',
      'critical',
      'Dying Root',
    ]);
  });

  it('puts where each certificate lives on the line below it: kind namespace/name:key, then +N more', () => {
    const [facts, where] = block(lines, 'frontend');
    expect(facts).toContain('linkerd-workload');
    expect(where.trim()).toBe('Secret a-rather-long-namespace-name/linkerd-identity-issuer:tls.crt +2 more');
    expect(block(lines, 'Healthy Root')[1].trim()).toBe('a1.pem');
  });

  it('starts every location line at the same column, under ROLE', () => {
    const roleColumn = (lines.find((line) => line.startsWith('LEVEL')) ?? '').indexOf('ROLE');
    const locations = lines.filter((_line, i) => /^(root|intermediate|leaf)\s/.test(lines[i - 1] ?? ''));
    expect(locations).toHaveLength(5);
    for (const line of locations) expect(line.length - line.trimStart().length).toBe(roleColumn);
  });

  it('marks days left limited by an issuer that expires first', () => {
    const [issuerLine] = block(lines, '  issuer');
    expect(issuerLine).toMatch(/\b5\*/);
    expect(text).toContain('* days left limited by an issuer');
  });

  it('prints findings with their remediation and unreadable material', () => {
    expect(text).toContain('CRITICAL  root_expiring');
    expect(text).toContain('fix: Add a new trust anchor');
    expect(text).toContain('no_certificate  empty.pem: no certificate found');
    expect(lines[0]).toBe('CLUSTER local (ok): 5 certificates, 1 critical');
  });

  it('uses no colour unless asked, and colours severities when asked', () => {
    expect(text).not.toContain('\u001b[');
    const coloured = renderTable(report, { color: true });
    expect(coloured).toContain('\u001b[31mCRITICAL\u001b[0m');
    expect(coloured).toContain('\u001b[31mcritical\u001b[0m');
  });

  it('still fits a narrow 80-column terminal, every certificate with its location', () => {
    const narrow = renderTable(report, { width: 80 }).split('\n');
    const tableLines = narrow.filter((line) => /^(root|leaf|intermediate)\s/.test(line));
    expect(tableLines.length).toBe(5);
    expect(narrow.filter((line) => line.length > 80)).toEqual([]);
    expect(narrow.some((line) => line.trim().startsWith('Secret a-rather-long-namespace-name/'))).toBe(true);
  });

  it('says so when a cluster has no certificates', () => {
    const empty = buildJsonReport(NOW, [
      { name: 'e', status: 'unreachable', assessment: { certificates: [], findings: [], errors: [] } },
    ]);
    expect(renderTable(empty)).toBe(
      'CLUSTER e (unreachable): 0 certificates, no findings\n  no certificates found\n',
    );
  });
});
