/**
 * Names of the environment variables the stack sets and the Lambda composition root reads: one
 * list, imported by lib/ (CDK) and lambda/config/, so the two can never drift. Constants only.
 */

/** Environment variable names shared by lib/ and lambda/config/. */
export const ENV = {
  /** DynamoDB history table name. */
  tableName: 'CERTWATCH_TABLE_NAME',
  /** SQS queue URL the dispatcher sends one message per cluster to. */
  scanQueueUrl: 'CERTWATCH_SCAN_QUEUE_URL',
  /** JSON array of configured clusters ({ name, region, account?, roleArn?, sources? }). */
  clusters: 'CERTWATCH_CLUSTERS',
  /** JSON discovery settings ({ tagKey, tagValue?, targets: [{ account, regions, roleArn? }] }), or unset. */
  discovery: 'CERTWATCH_DISCOVERY',
  /** JSON policy settings ({ thresholds }, lambda/config/settings-schema.ts), defaults resolved. */
  policy: 'CERTWATCH_POLICY',
  /** SNS topic ARN for alerts. */
  alertsTopicArn: 'CERTWATCH_ALERTS_TOPIC_ARN',
  /** SNS topic ARN for the digest. */
  digestTopicArn: 'CERTWATCH_DIGEST_TOPIC_ARN',
  /** Slack channel id or name; unset = no Slack. */
  slackChannel: 'CERTWATCH_SLACK_CHANNEL',
  /** Secrets Manager secret name or ARN holding the Slack bot token. */
  slackTokenSecret: 'CERTWATCH_SLACK_TOKEN_SECRET',
  /** IANA time zone the digest is written for. */
  timeZone: 'CERTWATCH_TIME_ZONE',
  /** Scan interval in minutes (freshness checks, "no scan for two intervals"). */
  scanIntervalMinutes: 'CERTWATCH_SCAN_INTERVAL_MINUTES',
  /** The scan Lambda's timeout in seconds; the per-cluster read budget is derived from it. */
  scanTimeoutSeconds: 'CERTWATCH_SCAN_TIMEOUT_SECONDS',
  /** Days of history (events, scan summaries) kept before DynamoDB TTL removes them. */
  historyRetentionDays: 'CERTWATCH_HISTORY_RETENTION_DAYS',
  /** `true`: the scan metrics per cluster too (PER_CLUSTER_METRICS, ≈ $2.10/cluster/month); otherwise fleet-wide only. */
  detailedMetrics: 'CERTWATCH_DETAILED_METRICS',
  /** Days a cluster may go neither dispatched nor scanned before it retires (its alerts resolve). */
  retireAfterDays: 'CERTWATCH_RETIRE_AFTER_DAYS',
  /** JSON array of mesh groups ({ name, mesh?, clusters: [id or name, …] }): clusters that must share trust. */
  meshGroups: 'CERTWATCH_MESH_GROUPS',
  /** JSON upstream CAs ({ vault?: { address, mounts, namespace?, tokenSecret?, caCertPem? }, privateCaArns }); unset = none configured. */
  upstreams: 'CERTWATCH_UPSTREAMS',
  /** JSON source options ({ clusterResourceNamespace?, consul?, spire? }): where the sources look; unset = their defaults. */
  sourceOptions: 'CERTWATCH_SOURCE_OPTIONS',
  /** Powertools: service name and metrics namespace. */
  powertoolsServiceName: 'POWERTOOLS_SERVICE_NAME',
  powertoolsMetricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const;

/** CloudWatch metrics namespace the handlers write and the alarms read. */
export const METRICS_NAMESPACE = 'Certwatch';

/** Metric names shared by the handlers (EMF) and the alarms/dashboard (lib/). */
export const METRIC = {
  scanSucceeded: 'ScanSucceeded',
  scanFailed: 'ScanFailed',
  scanDurationMs: 'ScanDuration',
  sourcesFailed: 'SourcesFailed',
  daysLeft: 'DaysLeft',
  clustersDispatched: 'ClustersDispatched',
  /** Accounts/regions discovery could not search on a dispatch (its own alarm). */
  discoveryFailures: 'DiscoveryFailures',
  /** Channels that refused this run's digest, even when another took it (its own alarm). */
  digestChannelsFailed: 'DigestChannelsFailed',
} as const;

/** The levels `DaysLeft` is published for (dimension `level`, one metric each). */
export const DAYS_LEFT_LEVELS = ['root', 'intermediate', 'leaf'] as const;

/** One metric as CloudWatch bills it: a name and its dimension values (besides `service`). */
export interface MetricSeries {
  readonly name: string;
  readonly unit: 'Count' | 'Milliseconds';
  readonly dimensions?: Readonly<Record<string, string>>;
}

const SCAN_SERIES: readonly MetricSeries[] = [
  { name: METRIC.scanSucceeded, unit: 'Count' },
  { name: METRIC.scanFailed, unit: 'Count' },
  { name: METRIC.scanDurationMs, unit: 'Milliseconds' },
  { name: METRIC.sourcesFailed, unit: 'Count' },
  ...DAYS_LEFT_LEVELS.map((level) => ({
    name: METRIC.daysLeft,
    unit: 'Count' as const,
    dimensions: { level },
  })),
];

/**
 * Every fleet-level metric the Lambdas publish (README "Cost", scripts/cost-model.ts): the scan's,
 * the dispatcher's (DiscoveryFailures only with discovery configured) and the digest's. Their
 * number does not grow with the fleet; test/unit/handlers/emf-metrics.test.ts checks the EMF
 * output against it.
 */
export const FLEET_METRICS: readonly MetricSeries[] = [
  ...SCAN_SERIES,
  { name: METRIC.clustersDispatched, unit: 'Count' },
  { name: METRIC.discoveryFailures, unit: 'Count' },
  { name: METRIC.digestChannelsFailed, unit: 'Count' },
];

/** The metrics each cluster adds with `detailedMetrics` (the scan's, with dimension `cluster` too). */
export const PER_CLUSTER_METRICS: readonly MetricSeries[] = SCAN_SERIES;
