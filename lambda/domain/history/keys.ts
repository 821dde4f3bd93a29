/** Stable keys for sources and findings: what makes "the same alert" across scans. */
import { type Finding, sourceKey } from '../model';

/** Cluster + rule + fingerprint + source: one alert per key. Stable, so never reorder the parts. */
export function findingKey(cluster: string, finding: Finding): string {
  const where = finding.source ? sourceKey(finding.source) : '';
  return [cluster, finding.rule, finding.fingerprint ?? '', where].join('|');
}
