/**
 * Cross-source rules: judgements that need more than one certificate or more than one source
 * (copies that drifted, issuers and anchors that disagree, statuses that lie, places we could not
 * read). Pure: may import ../model, ../policy, ../signals, ../rbac/source-reads and its own files.
 */
import type { Finding } from '../model';
import { blindSpots } from './blind-spots';
import { caIssuerExpired } from './ca-issuer-expired';
import { certManagerNotReady } from './cert-manager-not-ready';
import { certManagerRenewalOverdue } from './cert-manager-renewal-overdue';
import { certManagerSecret } from './cert-manager-secret';
import type { CrossSourceInput, CrossSourceRule } from './context';
import { istioRootCopies } from './istio-root-copies';
import { linkerdIssuerAnchor } from './linkerd-issuer-anchor';
import { linkerdProxyAnchors } from './linkerd-proxy-anchors';
import { privateCaNotActive } from './private-ca-not-active';
import { webhookCaBundle } from './webhook-ca-bundle';
import { workloadExpiry } from './workload-expiry';
import { workloadSample } from './workload-sample';

export { blindSpot } from './blind-spots';
export type { CrossSourceInput, CrossSourceRule, ReadFailure } from './context';

/** Every per-cluster cross-source rule, in report order. */
export const CROSS_SOURCE_RULES: readonly CrossSourceRule[] = [
  istioRootCopies,
  webhookCaBundle,
  linkerdIssuerAnchor,
  linkerdProxyAnchors,
  certManagerNotReady,
  certManagerRenewalOverdue,
  certManagerSecret,
  caIssuerExpired,
  workloadExpiry,
  privateCaNotActive,
  workloadSample,
  blindSpots,
];

/** Runs every cross-source rule over one cluster; a rule that throws becomes a finding, not a crash. */
export function evaluateCrossSource(input: CrossSourceInput): Finding[] {
  return CROSS_SOURCE_RULES.flatMap((rule) => {
    try {
      return rule.evaluate(input);
    } catch (error) {
      return [
        {
          severity: 'warning' as const,
          rule: 'rule_failed',
          message: `cross-source rule ${rule.id} failed: ${(error as Error).message}`,
          remediation: 'Report this as a certwatch bug with the JSON report attached.',
        },
      ];
    }
  });
}
