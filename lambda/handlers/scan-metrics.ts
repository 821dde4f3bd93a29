/**
 * The scan Lambda's EMF metrics: success/failure in total (for the "no scan at
 * all" alarm), scan duration, sources failed, minimum days left per level, findings per severity.
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC } from '../config/env-names';
import type { Assessment, Level, Severity } from '../domain/model';

/** What one scan produced, as far as metrics care. */
export interface ScanOutcome {
  readonly cluster: string;
  readonly succeeded: boolean;
  readonly durationMs: number;
  readonly sourcesFailed: number;
  readonly assessment?: Assessment;
  /** Also publish duration, failures, days left and findings per cluster (each one a paid metric). */
  readonly detailed?: boolean;
}

/**
 * Publishes the metrics of one scan. Service-level (fleet-wide) metrics always; per cluster nothing
 * ScanSucceeded (for its alarm) unless `detailed`, because each metric × dimension set is billed.
 */
export function publishScanMetrics(metrics: Metrics, outcome: ScanOutcome): void {
  const cluster = outcome.cluster;
  const status = outcome.succeeded ? METRIC.scanSucceeded : METRIC.scanFailed;
  emit(metrics, {}, status, MetricUnit.Count, 1);
  // Per cluster only when asked: each metric × dimension set is billed (per-cluster health is in DynamoDB).
  if (outcome.detailed) emit(metrics, { cluster }, status, MetricUnit.Count, 1);
  const scopes: Record<string, string>[] = outcome.detailed ? [{}, { cluster }] : [{}];
  for (const dims of scopes) {
    emit(metrics, dims, METRIC.scanDurationMs, MetricUnit.Milliseconds, outcome.durationMs);
    emit(metrics, dims, METRIC.sourcesFailed, MetricUnit.Count, outcome.sourcesFailed);
    if (!outcome.assessment) continue;
    for (const [level, days] of minDaysLeft(outcome.assessment)) {
      emit(metrics, { ...dims, level }, METRIC.daysLeft, MetricUnit.Count, days);
    }
    for (const [severity, count] of findingsBySeverity(outcome.assessment)) {
      emit(metrics, { ...dims, severity }, METRIC.findings, MetricUnit.Count, count);
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

/** Finding counts per severity (all three, zeros included, so graphs drop to 0). */
export function findingsBySeverity(assessment: Assessment): Map<Severity, number> {
  const out = new Map<Severity, number>([
    ['info', 0],
    ['warning', 0],
    ['critical', 0],
  ]);
  for (const f of assessment.findings) out.set(f.severity, (out.get(f.severity) ?? 0) + 1);
  return out;
}
