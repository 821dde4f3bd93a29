/**
 * Monthly AWS cost of a certwatch deployment, from counted calls (not guesses about "small").
 * Run: `npx tsx scripts/cost-model.ts [clusters...]` (default 1 50 500).
 * Unit prices: us-east-1 list prices, typed in by hand (no network here) on 2026-11-24 and checked on
 * 2026-12-05 against stored copies of public pages (the docs/pages search corpus): Lambda arm64
 * $0.0000133334/GB-s (artillery's lambda prices table, from aws.amazon.com/lambda/pricing), $0.20 per
 * million requests and the 400,000 GB-s / 1M requests free tier (api-evangelist's transcription of
 * aws.amazon.com/lambda/pricing, read 2026-09-20); CloudWatch $0.30 per custom metric (first 10,000),
 * $0.10 per standard alarm, $3 per dashboard, $0.50 per GB of logs ingested (c3x.dev, cloudcostkit.com,
 * factualminds.com 2026-06-13). SQS, DynamoDB on-demand, SNS, Scheduler, KMS and Secrets Manager
 * prices were not found in the corpus and remain the author's. Free tiers are ignored (worst case: the
 * account may spend them elsewhere; Lambda's alone is worth up to $5.53 a month). Check https://aws.amazon.com/pricing before relying on them.
 */

import { FLEET_METRICS, PER_CLUSTER_METRICS } from '../lambda/config/env-names';

/** Unit prices in USD (us-east-1; see above for which were checked and where). Free tiers ignored. */
export const PRICES = {
  lambdaRequestPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  sqsRequestPerMillion: 0.4,
  dynamoWriteRequestPerMillion: 0.625,
  dynamoReadRequestPerMillion: 0.125,
  snsPublishPerMillion: 0.5,
  snsEmailPer100k: 2.0,
  schedulerInvocationPerMillion: 1.0,
  cloudwatchAlarmPerMonth: 0.1,
  cloudwatchCustomMetricPerMonth: 0.3,
  cloudwatchDashboardPerMonth: 3.0,
  logsIngestPerGb: 0.5,
  kmsKeyPerMonth: 1.0,
  secretPerMonth: 0.4,
} as const;

/** What the deployment does; defaults are the stack's defaults. */
export interface Workload {
  readonly clusters: number;
  /** @default 730 (hourly) */
  readonly scansPerMonth?: number;
  /** Average scan duration at 1 GB (measured against the simulator: ~1–3 s; real clusters assumed 3 s). */
  readonly scanSeconds?: number;
  readonly scanMemoryGb?: number;
  /** Alerts (opened/escalated/resolved) per cluster per month. @default 4 */
  readonly alertsPerClusterMonth?: number;
  /** Per-cluster metrics: none by default, PER_CLUSTER_METRICS (7) with `detailedMetrics`. @default 0 */
  readonly metricsPerCluster?: number;
  /** Email subscribers per topic. @default 2 */
  readonly emailSubscribers?: number;
}

/** One priced line. */
export interface CostLine {
  readonly item: string;
  readonly count: number;
  readonly usd: number;
}

const WEEKS_PER_MONTH = 4.35;
const MINUTES_PER_MONTH = 43_800;
/** The SQS event source keeps ~5 long-polls (20 s) open whatever the load. */
const SQS_POLLERS = 5;
/**
 * The stack's alarms, whatever the fleet: scan errors, dispatcher errors, dead letters, no scan at
 * all, discovery failures (only with discovery configured: counted, the worst case), digest
 * errors, digest channels failed, digest did not run (only with a weekly digest schedule: counted).
 */
export const ALARMS = 8;
/** Fleet-wide custom metrics, as the Lambdas publish them (env-names FLEET_METRICS, EMF-tested). */
export const FLEET_METRIC_COUNT = FLEET_METRICS.length;
/** What `detailedMetrics` adds per cluster. */
export const DETAILED_METRICS_PER_CLUSTER = PER_CLUSTER_METRICS.length;
/** Defaults of the stack (lib/config-schema.ts; test/infra/cost-model.test.ts compares them with a synth). */
export const STACK_DEFAULTS = {
  scanMemoryGb: 1,
  dispatchMemoryGb: 0.5,
  digestMemoryGb: 0.5,
  dashboards: 1,
} as const;
/**
 * Log bytes per scan: 1,544 bytes of EMF documents and the `scanned` line measured for a steady
 * scan (test/unit/handlers/emf-metrics.test.ts's scan, 2026-12-06), plus Lambda's START/END/REPORT
 * lines (~400 bytes with X-Ray), rounded up for blind-spot details in the log line.
 */
const SCAN_LOG_BYTES = 2_500;
/** Log bytes per dispatcher run (its metrics and two log lines, plus the platform lines). */
const DISPATCH_LOG_BYTES = 2_000;

/** Counted calls and their prices for one month. */
export function monthlyCost(w: Workload): CostLine[] {
  const scans = w.clusters * (w.scansPerMonth ?? 730);
  const runs = w.scansPerMonth ?? 730;
  const scanGbS = scans * (w.scanSeconds ?? 3) * (w.scanMemoryGb ?? STACK_DEFAULTS.scanMemoryGb);
  const otherGbS =
    runs * 1 * STACK_DEFAULTS.dispatchMemoryGb + WEEKS_PER_MONTH * 5 * STACK_DEFAULTS.digestMemoryGb;
  const alerts = w.clusters * (w.alertsPerClusterMonth ?? 4);
  const emails = (w.emailSubscribers ?? 2) * (alerts + WEEKS_PER_MONTH);
  const sqsRequests = Math.ceil(scans / 10) + 2 * scans + SQS_POLLERS * 3 * MINUTES_PER_MONTH;
  const logsGb = (scans * SCAN_LOG_BYTES + runs * DISPATCH_LOG_BYTES) / 1e9;
  // The dispatcher rewrites each dispatched cluster's sighting once a day (retirement).
  const sightings = w.clusters * 30.4;
  const writes = scans + sightings;
  // Per scan ~10; per dispatcher run one summary query per cluster (missed scans, retirement).
  const reads = scans * 10 + runs * w.clusters;
  const metrics = FLEET_METRIC_COUNT + w.clusters * (w.metricsPerCluster ?? 0);
  const p = PRICES;
  return [
    {
      item: 'Lambda requests',
      count: scans + runs + WEEKS_PER_MONTH,
      usd: ((scans + runs) / 1e6) * p.lambdaRequestPerMillion,
    },
    {
      item: 'Lambda GB-seconds (arm64)',
      count: scanGbS + otherGbS,
      usd: (scanGbS + otherGbS) * p.lambdaArmGbSecond,
    },
    {
      item: 'SQS requests (send batches, receive+delete, idle polls)',
      count: sqsRequests,
      usd: (sqsRequests / 1e6) * p.sqsRequestPerMillion,
    },
    // Steady state: one summary item per scan (changes are rare and add a few items).
    {
      item: 'DynamoDB writes (summary/scan, sighting/cluster/day)',
      count: writes,
      usd: (writes / 1e6) * p.dynamoWriteRequestPerMillion,
    },
    {
      item: 'DynamoDB reads (~10/scan, 1/cluster/dispatch)',
      count: reads,
      usd: (reads / 1e6) * p.dynamoReadRequestPerMillion,
    },
    {
      item: 'SNS publishes + emails',
      count: alerts + WEEKS_PER_MONTH,
      usd: ((alerts + WEEKS_PER_MONTH) / 1e6) * p.snsPublishPerMillion + (emails / 1e5) * p.snsEmailPer100k,
    },
    {
      item: 'EventBridge Scheduler invocations',
      count: runs + WEEKS_PER_MONTH,
      usd: ((runs + WEEKS_PER_MONTH) / 1e6) * p.schedulerInvocationPerMillion,
    },
    {
      item: 'CloudWatch alarms',
      count: ALARMS,
      usd: ALARMS * p.cloudwatchAlarmPerMonth,
    },
    {
      item: 'CloudWatch custom metrics (EMF)',
      count: metrics,
      usd: metrics * p.cloudwatchCustomMetricPerMonth,
    },
    {
      item: 'CloudWatch dashboard',
      count: STACK_DEFAULTS.dashboards,
      usd: STACK_DEFAULTS.dashboards * p.cloudwatchDashboardPerMonth,
    },
    { item: 'CloudWatch Logs ingestion (GB)', count: logsGb, usd: logsGb * p.logsIngestPerGb },
    { item: 'KMS key + Secrets Manager secret', count: 2, usd: p.kmsKeyPerMonth + p.secretPerMonth },
  ];
}

/** Sum of a month's lines. */
export function total(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + line.usd, 0);
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number);
  const detailed = sizes.includes(Number.NaN) || process.argv.includes('--detailed');
  for (const clusters of sizes.filter((n) => !Number.isNaN(n)).length > 0
    ? sizes.filter((n) => !Number.isNaN(n))
    : [1, 50, 500]) {
    const lines = monthlyCost({ clusters, metricsPerCluster: detailed ? DETAILED_METRICS_PER_CLUSTER : 0 });
    process.stdout.write(`\n${clusters} cluster(s): $${total(lines).toFixed(2)} / month\n`);
    for (const l of lines) {
      process.stdout.write(
        `  ${l.item.padEnd(56)} ${l.count.toFixed(0).padStart(10)}  $${l.usd.toFixed(2).padStart(8)}\n`,
      );
    }
  }
}

if (require.main === module) main();
