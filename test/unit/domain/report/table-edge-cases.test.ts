/** Table edge cases: long locations and CNs, anchors that share a subject, long finding sources, subject parsing. */
import { buildJsonReport, renderTable } from '#domain/report';
import { commonName, commonNameFirst } from '#domain/report/table';
import { assessed, NOW } from './build-assessment';

describe('renderTable edge cases', () => {
  it('keeps the start of a long location (what to look for) and the +N more count', () => {
    const long = buildJsonReport(NOW, [
      {
        name: 'c',
        status: 'ok',
        assessment: {
          certificates: [
            assessed({
              id: 'c1',
              level: 'root',
              daysLeft: 100,
              sources: [
                { kind: 'ConfigMap', namespace: 'linkerd', name: 'linkerd-config', key: 'k'.repeat(120) },
                { kind: 'ConfigMap', namespace: 'x', name: 'y' },
              ],
            }),
          ],
          findings: [],
          errors: [],
        },
      },
    ]);
    const out = renderTable(long, { width: 100 }).split('\n');
    const where = out.find((line) => line.includes('linkerd-config')) ?? '';
    expect(where.length).toBeLessThanOrEqual(100);
    expect(where.trim()).toMatch(/^ConfigMap linkerd\/linkerd-config:k+… \+1 more$/);
  });

  it('tells chains with the same anchor subject apart by not-after date and fingerprint', () => {
    const old = assessed({ id: 'd1', subject: 'CN=root.linkerd.cluster.local', level: 'root', daysLeft: 35 });
    const next = assessed({
      id: 'e1',
      subject: 'CN=root.linkerd.cluster.local',
      level: 'root',
      daysLeft: 3645,
    });
    const rotation = buildJsonReport(NOW, [
      { name: 'r', status: 'ok', assessment: { certificates: [old, next], findings: [], errors: [] } },
    ]);
    const headings = renderTable(rotation)
      .split('\n')
      .filter((line) => line.startsWith('chain: '));
    expect(headings).toEqual([
      `chain: CN=root.linkerd.cluster.local (root not after ${old.facts.notAfter.toISOString().slice(0, 10)}, sha256 d1000000)`,
      `chain: CN=root.linkerd.cluster.local (root not after ${next.facts.notAfter.toISOString().slice(0, 10)}, sha256 e1000000)`,
    ]);
  });

  it('shows a typical long CN in full at 100 columns, beside an intermediate and a 20-character role', () => {
    const cn = 'linkerd-policy-validator.linkerd.svc'; // 36 characters; the 64 before SUBJECT leave 36
    const typical = buildJsonReport(NOW, [
      {
        name: 't',
        status: 'ok',
        assessment: {
          certificates: [
            assessed({
              id: 'g1',
              subject: 'CN=anchor',
              level: 'root',
              role: 'linkerd-trust-anchor',
              daysLeft: 3000,
            }),
            assessed({ id: 'g2', subject: 'CN=issuer', level: 'intermediate', daysLeft: 300, chainId: 'g1' }),
            assessed({
              id: 'g3',
              subject: `CN=${cn}`,
              level: 'leaf',
              daysLeft: 30,
              chainId: 'g1',
            }),
          ],
          findings: [],
          errors: [],
        },
      },
    ]);
    const rows = renderTable(typical, { width: 100 }).split('\n');
    const row = rows.find((line) => line.startsWith('leaf')) ?? '';
    expect(row.endsWith(`  ${cn}`)).toBe(true);
    expect(row.length).toBe(100);
  });

  it('cuts a CN that does not fit in the middle, keeping both ends', () => {
    const cn = 'pri-2abcdef.consul.ca.11111111.consul.with.a.much.longer.trust.domain';
    const wide = buildJsonReport(NOW, [
      {
        name: 'w',
        status: 'ok',
        assessment: {
          certificates: [
            assessed({ id: 'f1', subject: `CN=${cn}`, role: 'consul-intermediate', daysLeft: 60 }),
          ],
          findings: [],
          errors: [],
        },
      },
    ]);
    const row =
      renderTable(wide, { width: 100 })
        .split('\n')
        .find((line) => line.startsWith('leaf')) ?? '';
    expect(row.length).toBeLessThanOrEqual(100);
    const shown = row.split(/\s{2,}/).at(-1) ?? '';
    expect(shown).toMatch(/^pri-2abcdef\.consul.*….*trust\.domain$/);
    expect(row).toContain('consul-intermediate');
  });

  it('moves a finding source that would overflow the line onto its own line', () => {
    const source = {
      kind: 'Pod',
      namespace: 'emojivoto',
      name: 'web-1',
      key: 'env.LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS',
    };
    const findings = buildJsonReport(NOW, [
      {
        name: 'p',
        status: 'ok',
        assessment: {
          certificates: [],
          findings: [
            { severity: 'warning', rule: 'linkerd_proxy_anchors_stale', source, message: 'restart needed' },
          ],
          errors: [],
        },
      },
    ]);
    const out = renderTable(findings, { width: 100 }).split('\n');
    expect(out).toContain('WARNING  linkerd_proxy_anchors_stale');
    expect(out).toContain('  at Pod emojivoto/web-1:env.LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS');
  });
});

describe('commonName', () => {
  it.each([
    ['E=a@b.c,CN=Root,O=Istio', 'Root'],
    ['O=Acme\\, Inc.,CN=x', 'x'],
    ['O=NoCommonName', ''],
  ])('%j → %j', (subject, expected) => {
    expect(commonName(subject)).toBe(expected);
  });
});

describe('commonNameFirst', () => {
  it.each([
    ['E=a@b.c,CN=Root,O=Istio', 'CN=Root,E=a@b.c,O=Istio'],
    ['CN=Root,O=Istio', 'CN=Root,O=Istio'],
    ['O=Acme\\, Inc.,CN=x', 'CN=x,O=Acme\\, Inc.'],
    ['O=NoCommonName', 'O=NoCommonName'],
    ['', ''],
  ])('%j → %j', (subject, expected) => {
    expect(commonNameFirst(subject)).toBe(expected);
  });
});
