import type { CertSeverity, Finding } from '#domain/model';
import { buildJsonReport, exitCodeFor } from '#domain/report';
import { assessed, NOW } from './build-assessment';

function reportWith(certSeverity: CertSeverity, findingSeverity?: Finding['severity']) {
  const findings: Finding[] = findingSeverity ? [{ severity: findingSeverity, rule: 'r', message: 'm' }] : [];
  const certificates = [assessed({ id: 'a', daysLeft: 10, severity: certSeverity })];
  return buildJsonReport(NOW, [
    { name: 'c', status: 'ok', assessment: { certificates, findings, errors: [] } },
  ]);
}

describe('exitCodeFor', () => {
  it.each([
    ['ok', undefined, 'critical', 0],
    ['ok', 'info', 'warning', 0],
    ['warning', undefined, 'critical', 0],
    ['warning', undefined, 'warning', 1],
    ['ok', 'warning', 'warning', 1],
    ['ok', 'critical', 'critical', 1],
    ['critical', undefined, 'critical', 1],
    ['critical', undefined, 'warning', 1],
  ] as const)('certificate %s, finding %s, --fail-on %s → %i', (cert, finding, failOn, expected) => {
    expect(exitCodeFor(reportWith(cert, finding), failOn)).toBe(expected);
  });

  it('defaults to critical', () => {
    expect(exitCodeFor(reportWith('warning'))).toBe(0);
    expect(exitCodeFor(reportWith('critical'))).toBe(1);
  });
});
