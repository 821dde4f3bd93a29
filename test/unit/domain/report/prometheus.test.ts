import { buildJsonReport, escapeLabelValue, renderPrometheus } from '../../../../lambda/domain/report';
import { assessed, NOW } from './build-assessment';

const cert = assessed({
  id: 'c1',
  subject: 'CN=a "quoted" \\ name',
  level: 'intermediate',
  role: 'istio-intermediate',
  daysLeft: 42,
  sources: [{ kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'ca-cert.pem' }],
});
const report = buildJsonReport(NOW, [
  {
    name: 'prod\neu',
    status: 'ok',
    assessment: {
      certificates: [cert],
      findings: [
        { severity: 'warning', rule: 'r', message: 'm' },
        { severity: 'warning', rule: 'r2', message: 'm' },
      ],
      errors: [],
    },
  },
]);
const text = renderPrometheus(report);

describe('renderPrometheus', () => {
  it('escapes backslashes, quotes and newlines in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('declares HELP and TYPE once per metric family', () => {
    for (const name of [
      'certwatch_certificate_expiry_timestamp_seconds',
      'certwatch_certificate_days_left',
      'certwatch_findings',
    ]) {
      expect(text.split('\n').filter((l) => l.startsWith(`# TYPE ${name} gauge`))).toHaveLength(1);
      expect(text).toContain(`# HELP ${name} `);
    }
  });

  it('exports expiry and days left per certificate with escaped labels', () => {
    const labels =
      'cluster="prod\\neu",level="intermediate",role="istio-intermediate",' +
      'source="Secret istio-system/cacerts:ca-cert.pem",subject="CN=a \\"quoted\\" \\\\ name",' +
      `fingerprint="${cert.facts.fingerprint}"`;
    const expiry = cert.facts.notAfter.getTime() / 1000;
    expect(text).toContain(`certwatch_certificate_expiry_timestamp_seconds{${labels}} ${expiry}\n`);
    expect(text).toContain(`certwatch_certificate_days_left{${labels}} 42\n`);
  });

  it('counts findings per severity, zeros included', () => {
    expect(text).toContain('certwatch_findings{cluster="prod\\neu",severity="warning"} 2\n');
    expect(text).toContain('certwatch_findings{cluster="prod\\neu",severity="critical"} 0\n');
  });

  it('has one sample per line and nothing else (every line is a comment or name{labels} value)', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => !/^(# (HELP|TYPE) .+|[a-z_]+\{.*\} -?[0-9.e+]+)$/.test(l))).toEqual([]);
  });
});
