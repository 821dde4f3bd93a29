/**
 * Reads the Lambdas' environment (names in env-names.ts, values set by the stack from the
 * deployment configuration) with zod, once per cold start, into the one Settings object. A missing
 * or malformed variable fails with its name and what was expected.
 */
import { z } from 'zod';
import { DEFAULT_RETIRE_AFTER_DAYS } from '../domain/history/retirement';
import { ENV } from './env-names';
import { scanBudgetMs } from './scan-budget';
import { type Settings, SettingsError } from './settings';
import {
  AWS_REGION_PATTERN,
  meshGroupsSchema,
  policySettingsSchema,
  sourceOptionsSchema,
  upstreamsSchema,
} from './settings-schema';
import { upstreamsFromConfig } from './upstream-ca';

/** One cluster target (the SQS message body and an element of CERTWATCH_CLUSTERS). */
export const clusterTargetSchema = z.object({
  name: z.string().min(1),
  region: z.string().regex(AWS_REGION_PATTERN),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  roleArn: z.string().startsWith('arn:').optional(),
  sources: z.array(z.string()).optional(),
});

const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const envSchema = z.object({
  [ENV.tableName]: z.string().min(1),
  [ENV.scanQueueUrl]: z.url().optional(),
  [ENV.clusters]: json(z.array(clusterTargetSchema)).default([]),
  [ENV.discovery]: json(
    z.object({
      tagKey: z.string(),
      tagValue: z.string().optional(),
      targets: z.array(z.object({ account: z.string(), regions: z.array(z.string()), roleArn: z.string() })),
    }),
  ).optional(),
  [ENV.policy]: json(policySettingsSchema).optional(),
  [ENV.alertsTopicArn]: z.string().startsWith('arn:').optional(),
  [ENV.digestTopicArn]: z.string().startsWith('arn:').optional(),
  [ENV.slackChannel]: z.string().min(1).optional(),
  [ENV.slackTokenSecret]: z.string().min(1).optional(),
  [ENV.timeZone]: z.string().default('UTC'),
  [ENV.scanIntervalMinutes]: z.coerce.number().int().positive().default(60),
  [ENV.scanTimeoutSeconds]: z.coerce.number().int().min(30).default(300),
  [ENV.historyRetentionDays]: z.coerce.number().int().positive().default(400),
  [ENV.detailedMetrics]: z.enum(['true', 'false']).default('false'),
  [ENV.meshGroups]: json(meshGroupsSchema).optional(),
  [ENV.retireAfterDays]: z.coerce.number().int().positive().default(DEFAULT_RETIRE_AFTER_DAYS),
  [ENV.upstreams]: json(upstreamsSchema).optional(),
  [ENV.sourceOptions]: json(sourceOptionsSchema).optional(),
});

/** The environment is missing or malformed; the message names each bad variable. */
export class EnvError extends SettingsError {
  override readonly name = 'EnvError';
}

/** Parses `env` (default process.env) into Settings, or throws EnvError naming every bad variable. */
export function readLambdaEnv(env: Readonly<Record<string, string | undefined>> = process.env): Settings {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`invalid Lambda environment: ${lines.join('; ')}`);
  }
  const e = result.data;
  const channel = e[ENV.slackChannel];
  const tokenSecret = e[ENV.slackTokenSecret];
  const alertTopicArn = e[ENV.alertsTopicArn];
  // No endpoint override here: the deployed Lambdas send the bot token to Slack's own API only.
  const slack = channel && tokenSecret ? { channel, token: { secretId: tokenSecret } } : undefined;
  const sns = alertTopicArn ? { alertTopicArn, digestTopicArn: e[ENV.digestTopicArn] } : undefined;
  const upstreams = e[ENV.upstreams];
  const sources = e[ENV.sourceOptions];
  return {
    policy: e[ENV.policy] ?? policySettingsSchema.parse({}),
    history: { kind: 'dynamodb', tableName: e[ENV.tableName], retentionDays: e[ENV.historyRetentionDays] },
    notify: {
      channels: [...(sns ? (['sns'] as const) : []), ...(slack ? (['slack'] as const) : [])],
      ...(slack ? { slack } : {}),
      ...(sns ? { sns } : {}),
    },
    schedule: { intervalMinutes: e[ENV.scanIntervalMinutes], timeZone: e[ENV.timeZone] },
    scan: { timeoutMs: scanBudgetMs(e[ENV.scanTimeoutSeconds]), ...(sources ? { sources } : {}) },
    ...(upstreams ? { upstreams: upstreamsFromConfig(upstreams) } : {}),
    fleet: {
      scanQueueUrl: e[ENV.scanQueueUrl],
      clusters: e[ENV.clusters],
      discovery: e[ENV.discovery],
      detailedMetrics: e[ENV.detailedMetrics] === 'true',
      meshGroups: e[ENV.meshGroups] ?? [],
      retireAfterDays: e[ENV.retireAfterDays],
    },
  };
}
