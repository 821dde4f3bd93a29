/**
 * The digest Lambda's EMF metric (FLEET_METRICS in env-names.ts), fleet-wide only: the channels
 * that refused this run's digest, so Slack down while SNS works is an alarm, not only a log line.
 * A run no channel took fails the invocation, and a digest that never ran has no invocation: the
 * stack alarms on those from the Lambda's own (free) Errors and Invocations metrics.
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SendDigestResult } from '../app/send-digest';
import { METRIC } from '../config/env-names';

/** Publishes one digest run's count of refused channels (0 included: a zero is a datapoint). */
export function publishDigestMetrics(metrics: Metrics, result: Pick<SendDigestResult, 'failed'>): void {
  metrics.addMetric(METRIC.digestChannelsFailed, MetricUnit.Count, result.failed.length);
  metrics.publishStoredMetrics();
}
