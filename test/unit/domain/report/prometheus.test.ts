import {
  buildJsonReport,
  clusterHealth,
  decimalSerial,
  escapeLabelValue,
  renderPrometheus,
} from '#domain/report';
import { assessed, NOW } from './build-assessment';

const cert = assessed({
  id: 'c1',
  subject: 'CN=a "quoted" \\ name,O=example',
  level: 'intermediate',
  role: 'istio-intermediate',
  daysLeft: 42,
  severity: 'warning',
  sources: [
    { kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'ca-cert.pem' },
    { kind: 'ConfigMap', namespace: 'apps', name: 'istio-ca-root-cert', key: 'root-cert.pem' },
  ],
});
const report = buildJsonReport(NOW, [
  {
    name: 'prod\neu',
    status: 'ok',
    assessment: {
      certificates: [cert],
      findings: [
        { severity: 'warning', rule: 'r', message: 'm' },
        { severity: 'warning', rule: 'r', message: 'm2' },
        { severity: 'critical', rule: 'r2', message: 'm' },
      ],
      errors: [],
    },
  },
]);
const text = renderPrometheus(report);
const certLabels =
  'cluster="prod\\neu",level="intermediate",role="istio-intermediate",mesh="",' +
  'subject_CN="a \\"quoted\\" \\\\ name",issuer_CN="Root",serial_number="1",' +
  `fingerprint="${cert.facts.fingerprint}"`;

describe('renderPrometheus', () => {
  it('escapes backslashes, quotes and newlines in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('writes serial numbers in decimal like x509-certificate-exporter', () => {
    expect(decimalSerial('01')).toBe('1');
    expect(decimalSerial('00ff')).toBe('255');
    expect(decimalSerial('2056cc4b4bbdbf6a0e7b3a1e3d7c5f9b')).toBe(
      BigInt('0x2056cc4b4bbdbf6a0e7b3a1e3d7c5f9b').toString(),
    );
    expect(decimalSerial('')).toBe('');
  });

  it('declares HELP and TYPE once per family, no family in a non-base unit', () => {
    const types = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    expect(new Set(types).size).toBe(types.length);
    expect(types.every((l) => l.endsWith(' gauge'))).toBe(true);
    expect(text).not.toMatch(/_days/);
  });

  it('exports notAfter and notBefore once per place, with the subject CN rather than the DN', () => {
    const expiry = cert.facts.notAfter.getTime() / 1000;
    const notBefore = cert.facts.notBefore.getTime() / 1000;
    const secret =
      'source_kind="Secret",source_namespace="istio-system",source_name="cacerts",source_key="ca-cert.pem"';
    const configMap =
      'source_kind="ConfigMap",source_namespace="apps",source_name="istio-ca-root-cert",source_key="root-cert.pem"';
    for (const place of [secret, configMap]) {
      expect(text).toContain(
        `certwatch_certificate_expiry_timestamp_seconds{${certLabels},${place}} ${expiry}\n`,
      );
      expect(text).toContain(
        `certwatch_certificate_not_before_timestamp_seconds{${certLabels},${place}} ${notBefore}\n`,
      );
    }
    expect(text).not.toContain('O=example');
  });

  it('exports the verdicts once per certificate: effective expiry, seconds left, severity', () => {
    const effective = Date.parse(report.clusters[0]!.certificates[0]!.effectiveNotAfter) / 1000;
    expect(text).toContain(
      `certwatch_certificate_effective_expiry_timestamp_seconds{${certLabels}} ${effective}\n`,
    );
    expect(text).toContain(
      `certwatch_certificate_expires_in_seconds{${certLabels}} ${effective - NOW.getTime() / 1000}\n`,
    );
    expect(text).toContain(`certwatch_certificate_severity{${certLabels}} 2\n`);
  });

  it('counts findings per severity (zeros included) and per rule', () => {
    expect(text).toContain('certwatch_findings{cluster="prod\\neu",severity="warning"} 2\n');
    expect(text).toContain('certwatch_findings{cluster="prod\\neu",severity="info"} 0\n');
    expect(text).toContain('certwatch_rule_findings{cluster="prod\\neu",rule="r",severity="warning"} 2\n');
    expect(text).toContain('certwatch_rule_findings{cluster="prod\\neu",rule="r2",severity="critical"} 1\n');
  });

  it('leaves out the health and build families it was not given', () => {
    expect(text).not.toContain('certwatch_scan_success');
    expect(text).not.toContain('certwatch_build_info');
  });

  it('has one sample per line and nothing else (every line is a comment or name{labels} value)', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((l) => !/^(# (HELP|TYPE) .+|[a-z_]+\{.*\} -?[0-9.e+]+)$/.test(l))).toEqual([]);
  });
});

describe('scan health metrics', () => {
  const at = new Date('2026-05-01T10:00:00Z');
  const before = new Date('2026-05-01T09:00:00Z');
  const partial = clusterHealth(
    {
      cluster: 'a',
      status: 'partial',
      durationMs: 1500,
      sources: ['istio', 'linkerd'].map((name) => ({ name })),
      failures: [
        { source: 'istio', reason: 'permission_denied', detail: 'x' },
        { source: 'istio', reason: 'timeout', detail: 'y' },
      ],
    },
    at,
    before,
  );
  const down = clusterHealth(
    {
      cluster: 'b',
      status: 'unreachable',
      durationMs: 10_000,
      sources: ['istio', 'linkerd'].map((name) => ({ name })),
      failures: [{ source: 'cluster', reason: 'unreachable', detail: 'refused' }],
    },
    at,
    before,
  );
  const never = clusterHealth(
    {
      cluster: 'c',
      status: 'unreachable',
      durationMs: 1,
      sources: ['istio'].map((name) => ({ name })),
      failures: [],
    },
    at,
  );
  const out = renderPrometheus(buildJsonReport(at, []), {
    health: [partial, down, never],
    build: { version: '1.2.3', nodeVersion: 'v20.0.0' },
  });

  it('a reached cluster succeeded now; blind spots count per source with zeros', () => {
    expect(out).toContain('certwatch_scan_success{cluster="a"} 1\n');
    expect(out).toContain('certwatch_scan_duration_seconds{cluster="a"} 1.5\n');
    expect(out).toContain(
      `certwatch_scan_last_success_timestamp_seconds{cluster="a"} ${at.getTime() / 1000}\n`,
    );
    expect(out).toContain('certwatch_blind_spots{cluster="a",source="istio"} 2\n');
    expect(out).toContain('certwatch_blind_spots{cluster="a",source="linkerd"} 0\n');
  });

  it('an unreached cluster keeps its previous success and has only the cluster blind spot', () => {
    expect(out).toContain('certwatch_scan_success{cluster="b"} 0\n');
    expect(out).toContain(
      `certwatch_scan_last_success_timestamp_seconds{cluster="b"} ${before.getTime() / 1000}\n`,
    );
    expect(out).toContain('certwatch_blind_spots{cluster="b",source="cluster"} 1\n');
    expect(out).not.toContain('certwatch_blind_spots{cluster="b",source="istio"}');
  });

  it('a cluster never reached has no last-success series', () => {
    expect(out).not.toContain('certwatch_scan_last_success_timestamp_seconds{cluster="c"}');
  });

  it('build info is 1 with the version labels', () => {
    expect(out).toContain('certwatch_build_info{version="1.2.3",node_version="v20.0.0"} 1\n');
  });
});
