import { buildJsonReport } from '#domain/report';
import { assessed, NOW } from './build-assessment';

const root = assessed({ id: 'aa', level: 'root', role: 'istio-root', daysLeft: 400, chainId: 'aa' });
const leaf = assessed({
  id: 'bb',
  subject: '',
  level: 'leaf',
  role: 'istio-workload',
  daysLeft: 3,
  severity: 'critical',
  chainId: 'aa',
  spiffeIds: ['spiffe://cluster.local/ns/foo/sa/foo'],
  sources: [
    { kind: 'Secret', namespace: 'foo', name: 'istio.default', key: 'cert-chain.pem' },
    { kind: 'Secret', namespace: 'bar', name: 'istio.default' },
  ],
});

describe('buildJsonReport', () => {
  const report = buildJsonReport(NOW, [
    {
      name: 'prod',
      status: 'partial',
      assessment: {
        certificates: [root, leaf],
        findings: [
          { severity: 'warning', rule: 'root_expiring', fingerprint: root.facts.fingerprint, message: 'w' },
          { severity: 'critical', rule: 'leaf_expiring', message: 'c', remediation: 'restart the pod' },
        ],
        errors: [
          { reason: 'bad_pem', position: 1, detail: 'bad block', source: { kind: 'File', name: 'x' } },
        ],
      },
      extraFindings: [{ severity: 'info', rule: 'source_unreadable', message: 'i' }],
    },
  ]);

  it('has the schema version, the generation time and the cluster header', () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.generatedAt).toBe('2026-05-01T00:00:00.000Z');
    expect(report.clusters.map((c) => [c.name, c.status])).toEqual([['prod', 'partial']]);
  });

  it('keeps every contracted certificate field with the documented values', () => {
    const cert = report.clusters[0]?.certificates[1];
    expect(cert).toMatchObject({
      fingerprint: leaf.facts.fingerprint,
      subject: '',
      issuer: 'CN=Root',
      serialNumber: '01',
      notBefore: '2026-04-01T00:00:00.000Z',
      notAfter: '2026-05-04T01:00:00.000Z',
      level: 'leaf',
      role: 'istio-workload',
      spiffeIds: ['spiffe://cluster.local/ns/foo/sa/foo'],
      daysLeft: 3,
      severity: 'critical',
      chainId: root.facts.fingerprint,
    });
    expect(cert?.sources).toEqual([
      { kind: 'Secret', namespace: 'foo', name: 'istio.default', key: 'cert-chain.pem' },
      { kind: 'Secret', namespace: 'bar', name: 'istio.default', key: '' },
    ]);
  });

  it('merges extra findings and sorts findings worst first', () => {
    expect(report.clusters[0]?.findings.map((f) => f.rule)).toEqual([
      'leaf_expiring',
      'root_expiring',
      'source_unreadable',
    ]);
    expect(report.clusters[0]?.findings[0]?.remediation).toBe('restart the pod');
  });

  it('reports unparseable material with a normalised source', () => {
    expect(report.clusters[0]?.errors).toEqual([
      {
        reason: 'bad_pem',
        position: 1,
        detail: 'bad block',
        source: { kind: 'File', name: 'x', namespace: '', key: '' },
      },
    ]);
  });

  it('survives a JSON round trip unchanged (no Dates or undefined left inside)', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('prints years 0001 and 9999 as four-digit ISO dates', () => {
    const ancient = assessed({ id: 'cc', daysLeft: 1 });
    const facts = {
      ...ancient.facts,
      notBefore: new Date('0001-01-01T00:00:00Z'),
      notAfter: new Date('9999-12-31T23:59:59Z'),
    };
    const out = buildJsonReport(NOW, [
      {
        name: 'x',
        status: 'ok',
        assessment: { certificates: [{ ...ancient, facts }], findings: [], errors: [] },
      },
    ]);
    expect(out.clusters[0]?.certificates[0]?.notBefore).toBe('0001-01-01T00:00:00.000Z');
    expect(out.clusters[0]?.certificates[0]?.notAfter).toBe('9999-12-31T23:59:59.000Z');
  });
});
