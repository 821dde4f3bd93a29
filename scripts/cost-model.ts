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
  /** Per-cluster metrics: none by default, 10 with `detailedMetrics`. @default 0 */
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
/** The stack's alarms, whatever the fleet: scan errors, dispatcher errors, dead letters, no scan at all. */
const ALARMS = 4;
/** Service-level metrics: ScanSucceeded, ScanFailed, duration, sources failed, DaysLeft ×3, Findings ×3, dispatched. */
const FLEET_METRICS = 11;

/** Counted calls and their prices for one month. */
export function monthlyCost(w: Workload): CostLine[] {
  const scans = w.clusters * (w.scansPerMonth ?? 730);
  const runs = w.scansPerMonth ?? 730;
  const scanGbS = scans * (w.scanSeconds ?? 3) * (w.scanMemoryGb ?? 1);
  const otherGbS = runs * 1 * 0.5 + WEEKS_PER_MONTH * 5 * 0.5;
  const alerts = w.clusters * (w.alertsPerClusterMonth ?? 4);
  const emails = (w.emailSubscribers ?? 2) * (alerts + WEEKS_PER_MONTH);
  const sqsRequests = Math.ceil(scans / 10) + 2 * scans + SQS_POLLERS * 3 * MINUTES_PER_MONTH;
  const logsGb = (scans * 5_000 + runs * 2_000) / 1e9;
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
      item: 'DynamoDB write units (1 summary/scan)',
      count: scans,
      usd: (scans / 1e6) * p.dynamoWriteRequestPerMillion,
    },
    {
      item: 'DynamoDB read units (~10/scan)',
      count: scans * 10,
      usd: ((scans * 10) / 1e6) * p.dynamoReadRequestPerMillion,
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
      count: FLEET_METRICS + w.clusters * (w.metricsPerCluster ?? 0),
      usd: (FLEET_METRICS + w.clusters * (w.metricsPerCluster ?? 0)) * p.cloudwatchCustomMetricPerMonth,
    },
    { item: 'CloudWatch dashboard', count: 1, usd: p.cloudwatchDashboardPerMonth },
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
    const lines = monthlyCost({ clusters, metricsPerCluster: detailed ? 10 : 0 });
    process.stdout.write(`\n${clusters} cluster(s): $${total(lines).toFixed(2)} / month\n`);
    for (const l of lines) {
      process.stdout.write(
        `  ${l.item.padEnd(56)} ${l.count.toFixed(0).padStart(10)}  $${l.usd.toFixed(2).padStart(8)}\n`,
      );
    }
  }
}

if (require.main === module) main();
