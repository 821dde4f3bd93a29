/**
 * The deployment configuration (certwatch.config.ts), validated with zod at synth time. Errors name
 * the bad field and say what was expected, in plain lower case. The judging settings (thresholds)
 * come from lambda/config/settings-schema.ts, shared with the Lambdas and the CLI's --config file;
 * the Lambdas receive the validated pieces through the environment (lambda/config/env-names.ts).
 */
import { z } from 'zod';
import {
  AWS_REGION_PATTERN,
  meshGroupsSchema,
  policySettingsFields,
  retireAfterDaysSchema,
  SECRET_PATTERN,
  show,
  sourceOptionsSchema,
  upstreamsSchema,
} from '../lambda/config/settings-schema';
import { ConfigError, describeIssue } from './config-error';

export { ConfigError, formatPath } from './config-error';

const ACCOUNT = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^)]+\))$/;

/** Source ids a cluster may select: the `name` of each cluster source the scan Lambda builds. */
export const SOURCE_IDS = ['istio', 'linkerd', 'consul', 'cert-manager', 'spire', 'tls-secrets'] as const;

function pattern(regex: RegExp, what: string) {
  return z.string({ error: (i) => `expected ${what}, received ${show(i.input)}` }).regex(regex, {
    error: (i) => `expected ${what}, received ${show(i.input)}`,
  });
}

const region = pattern(AWS_REGION_PATTERN, 'an AWS region like "eu-west-1"');
const account = pattern(ACCOUNT, 'a 12-digit AWS account id like "123456789012"');
const roleArn = pattern(ROLE_ARN, 'an IAM role ARN like "arn:aws:iam::123456789012:role/certwatch-reader"');

const timeZone = z.string().refine(isTimeZone, {
  error: (i) => `expected an IANA time zone like "Europe/Paris", received ${show(i.input)}`,
});

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** One cluster to scan. */
export const clusterSchema = z.strictObject({
  name: pattern(CLUSTER_NAME, 'an EKS cluster name like "prod-eu"'),
  region,
  account: account.optional(),
  roleArn: roleArn.optional(),
  /** Create an EKS access entry for the scanner (clusters in the deployment's account and region). */
  accessEntry: z.boolean().default(true),
  sources: z
    .array(
      z.enum(SOURCE_IDS, {
        error: (i) => `expected one of ${SOURCE_IDS.join(', ')}, received ${show(i.input)}`,
      }),
    )
    .optional(),
});

/** The scan Lambda in a VPC (to reach a private Vault): its subnets and, optionally, security groups. */
const vpcSchema = z.strictObject({
  vpcId: pattern(/^vpc-[0-9a-f]{8,17}$/, 'a VPC id like "vpc-0123456789abcdef0"'),
  subnetIds: z
    .array(pattern(/^subnet-[0-9a-f]{8,17}$/, 'a subnet id like "subnet-0123456789abcdef0"'))
    .min(1, {
      error: 'expected at least one private subnet id (with a NAT or VPC endpoints to AWS and the clusters)',
    }),
  /** @default - a new security group allowing all outbound traffic */
  securityGroupIds: z
    .array(pattern(/^sg-[0-9a-f]{8,17}$/, 'a security group id like "sg-0123456789abcdef0"'))
    .min(1)
    .optional(),
});

const discoverySchema = z.strictObject({
  tagKey: z.string().min(1).default('certwatch'),
  tagValue: z.string().min(1).optional(),
  targets: z
    .array(z.strictObject({ account, regions: z.array(region).min(1), roleArn }))
    .min(1, { error: 'expected at least one { account, regions } to search' }),
});

/** The whole configuration file. */
export const certwatchConfigSchema = z.strictObject({
  /** Stack name prefix. */
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,40}$/)
    .default('certwatch'),
  /** Account and region of the central stack. @default - from the AWS CLI credentials (CDK_DEFAULT_*) */
  account: account.optional(),
  region: region.optional(),
  clusters: z.array(clusterSchema).default([]),
  discovery: discoverySchema.optional(),
  schedules: z
    .strictObject({
      scan: pattern(SCHEDULE, 'a schedule like "rate(1 hour)" or "cron(0 * * * ? *)"').default(
        'rate(1 hour)',
      ),
      digest: pattern(SCHEDULE, 'a schedule like "cron(0 8 ? * MON *)"').default('cron(0 8 ? * MON *)'),
      timeZone: timeZone.default('UTC'),
    })
    .default({ scan: 'rate(1 hour)', digest: 'cron(0 8 ? * MON *)', timeZone: 'UTC' }),
  /** Thresholds and rule settings: the same schema the CLI's --config file uses. */
  ...policySettingsFields,
  slack: z
    .strictObject({
      channel: z.string().min(1, { error: 'expected a Slack channel id or name like "C0123456789"' }),
      tokenSecret: pattern(
        SECRET_PATTERN,
        'a Secrets Manager secret name or ARN like "certwatch/slack-token"',
      ),
    })
    .optional(),
  email: z
    .strictObject({
      digest: z.array(pattern(EMAIL, 'an email address like "team@example.com"')).default([]),
      alerts: z.array(pattern(EMAIL, 'an email address like "oncall@example.com"')).default([]),
    })
    .default({ digest: [], alerts: [] }),
  scan: z
    .strictObject({
      maxConcurrency: z.number().int().min(2).max(1000).default(5),
      timeoutSeconds: z.number().int().min(30).max(900).default(300),
      memoryMiB: z.number().int().min(256).max(10240).default(1024),
      /** Run the scan Lambda in these subnets (a private Vault). @default - no VPC */
      vpc: vpcSchema.optional(),
    })
    .default({ maxConcurrency: 5, timeoutSeconds: 300, memoryMiB: 1024 }),
  historyRetentionDays: z.number().int().min(1).max(3650).default(400),
  /** The scan metrics per cluster too (PER_CLUSTER_METRICS, seven): ≈ $2.10 per cluster per month in CloudWatch. */
  detailedMetrics: z.boolean().default(false),
  /**
   * Days a cluster may go neither dispatched (configured or discovered) nor scanned before it
   * retires: its open alerts resolve ("cluster retired") and the digest drops it.
   */
  retireAfterDays: retireAfterDaysSchema,
  /** Clusters that must share trust though nothing in them says so (the fleet trust check). */
  meshGroups: meshGroupsSchema,
  /** Vault PKI mounts and AWS Private CAs every scan reads (lambda/config/settings-schema.ts). */
  upstreams: upstreamsSchema,
  /** Where the sources look (cert-manager's cluster-resource namespace, Consul, SPIRE's bundle), as the CLI's source flags. */
  sourceOptions: sourceOptionsSchema,
});

/** Configuration as written in the file (defaults optional). */
export type CertwatchConfigInput = z.input<typeof certwatchConfigSchema>;
/** Configuration with every default resolved. */
export type CertwatchConfig = z.output<typeof certwatchConfigSchema>;
/** One configured cluster. */
export type ClusterConfig = z.output<typeof clusterSchema>;

/** Validates `input`, returning the config with defaults, or throwing ConfigError listing every bad field. */
export function parseCertwatchConfig(input: unknown): CertwatchConfig {
  const result = certwatchConfigSchema.safeParse(input);
  if (!result.success) throw new ConfigError(result.error.issues.map(describeIssue));
  const config = result.data;
  if (config.clusters.length === 0 && !config.discovery) {
    throw new ConfigError(['clusters: expected at least one cluster, or a discovery section']);
  }
  const names = config.clusters.map((c) => `${c.account ?? ''}/${c.region}/${c.name}`);
  const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (dup >= 0)
    throw new ConfigError([`clusters[${dup}].name: expected a unique cluster, received a duplicate`]);
  return config;
}
