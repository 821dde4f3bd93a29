/**
 * The dispatcher's EMF metrics (FLEET_METRICS in env-names.ts): clusters dispatched, and the
 * accounts/regions discovery could not search (its own alarm) when discovery is configured.
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DispatchResult } from '../app/dispatch';
import { METRIC } from '../config/env-names';

/** Publishes one dispatch's metrics; DiscoveryFailures only when `discovery` is configured. */
export function publishDispatchMetrics(metrics: Metrics, result: DispatchResult, discovery: boolean): void {
  metrics.addMetric(METRIC.clustersDispatched, MetricUnit.Count, result.dispatched.length);
  if (discovery)
    metrics.addMetric(METRIC.discoveryFailures, MetricUnit.Count, result.discoveryFailures.length);
  metrics.publishStoredMetrics();
}
