/**
 * The scan Lambda's EMF metrics (FLEET_METRICS in env-names.ts): success or failure (for the "no
 * scan at all" alarm), scan duration, sources failed and the minimum days left per level — fleet
 * wide, and per cluster too only with `detailedMetrics` (each metric × dimension set is billed).
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC } from '../config/env-names';
import type { Assessment, Level } from '../domain/model';

/** What one scan produced, as far as metrics care. */
export interface ScanOutcome {
  readonly cluster: string;
  readonly succeeded: boolean;
  readonly durationMs: number;
  readonly sourcesFailed: number;
  readonly assessment?: Assessment;
  /** Also publish every metric with dimension `cluster` (PER_CLUSTER_METRICS: each a paid metric). */
  readonly detailed?: boolean;
}

/** Publishes the metrics of one scan: fleet-wide always, per cluster only when `detailed`. */
export function publishScanMetrics(metrics: Metrics, outcome: ScanOutcome): void {
  const status = outcome.succeeded ? METRIC.scanSucceeded : METRIC.scanFailed;
  const scopes: Record<string, string>[] = outcome.detailed ? [{}, { cluster: outcome.cluster }] : [{}];
  for (const dims of scopes) {
    emit(metrics, dims, status, MetricUnit.Count, 1);
    emit(metrics, dims, METRIC.scanDurationMs, MetricUnit.Milliseconds, outcome.durationMs);
    emit(metrics, dims, METRIC.sourcesFailed, MetricUnit.Count, outcome.sourcesFailed);
    if (!outcome.assessment) continue;
    for (const [level, days] of minDaysLeft(outcome.assessment)) {
      emit(metrics, { ...dims, level }, METRIC.daysLeft, MetricUnit.Count, days);
    }
  }
}

// A single metric is flushed at once with its own dimensions (publishing clears dimensions).
function emit(
  metrics: Metrics,
  dims: Record<string, string>,
  name: string,
  unit: (typeof MetricUnit)[keyof typeof MetricUnit],
  value: number,
): void {
  const single = metrics.singleMetric();
  single.addDimensions(dims);
  single.addMetric(name, unit, value);
}

/** Smallest daysLeft per level. */
export function minDaysLeft(assessment: Assessment): Map<Level, number> {
  const out = new Map<Level, number>();
  for (const cert of assessment.certificates) {
    out.set(cert.level, Math.min(out.get(cert.level) ?? Number.POSITIVE_INFINITY, cert.daysLeft));
  }
  return out;
}
