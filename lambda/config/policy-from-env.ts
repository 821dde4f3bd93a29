/** Maps the deployment's thresholds (percentages, as configured) onto the domain's risk policy overrides. */
import type { PolicyOverrides } from '../domain/policy';
import type { LambdaEnv } from './lambda-env';

/** Policy overrides for scanCluster; undefined when the environment sets no thresholds. */
export function policyFromEnv(thresholds: LambdaEnv['thresholds']): PolicyOverrides | undefined {
  if (!thresholds) return undefined;
  const ca = (t: { warningDays: number; criticalDays: number; warningLifetimePercent: number }) => ({
    warningDays: t.warningDays,
    criticalDays: t.criticalDays,
    warningFraction: t.warningLifetimePercent / 100,
  });
  return {
    root: ca(thresholds.root),
    intermediate: ca(thresholds.intermediate),
    leaf: {
      criticalFraction: thresholds.leaf.criticalLifetimePercent / 100,
      criticalHours: thresholds.leaf.criticalHours,
    },
  };
}
