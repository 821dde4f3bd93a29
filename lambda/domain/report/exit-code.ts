/** The CLI exit-code rule shared by `scan` and `inspect`: 1 when anything reaches `--fail-on`. Pure. */
import type { Severity } from '../model';
import { type JsonReport, severityRank } from './json-report';

/** Exit code for a report: 0 when no certificate or finding is at or above `failOn`, else 1. */
export function exitCodeFor(report: JsonReport, failOn: Severity = 'critical'): 0 | 1 {
  const threshold = severityRank(failOn);
  const reached = report.clusters.some(
    (cluster) =>
      cluster.certificates.some((c) => severityRank(c.severity) >= threshold) ||
      cluster.findings.some((f) => severityRank(f.severity) >= threshold),
  );
  return reached ? 1 : 0;
}
