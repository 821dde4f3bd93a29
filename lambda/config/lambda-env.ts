/**
 * Reads the Lambdas' environment (names in env-names.ts, values set by the stack) with zod, once
 * per cold start. A missing or malformed variable fails with its name and what was expected.
 * May import: zod, ./env-names, ports (types).
 */
import { z } from 'zod';
import type { ClusterTarget } from '../ports/scan-queue';
import { ENV } from './env-names';

/** One cluster target (the SQS message body and an element of CERTWATCH_CLUSTERS). */
export const clusterTargetSchema = z.object({
  name: z.string().min(1),
  region: z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  roleArn: z.string().startsWith('arn:').optional(),
  sources: z.array(z.string()).optional(),
});

const caSchema = z.object({
  warningDays: z.number(),
  criticalDays: z.number(),
  warningLifetimePercent: z.number(),
});
const leafSchema = z.object({ criticalLifetimePercent: z.number(), criticalHours: z.number() });

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
  [ENV.thresholds]: json(z.object({ root: caSchema, intermediate: caSchema, leaf: leafSchema })).optional(),
  [ENV.alertsTopicArn]: z.string().startsWith('arn:').optional(),
  [ENV.digestTopicArn]: z.string().startsWith('arn:').optional(),
  [ENV.slackChannel]: z.string().min(1).optional(),
  [ENV.slackTokenSecret]: z.string().min(1).optional(),
  [ENV.timeZone]: z.string().default('UTC'),
  [ENV.scanIntervalMinutes]: z.coerce.number().int().positive().default(60),
  [ENV.scanTimeoutSeconds]: z.coerce.number().int().min(30).default(300),
  [ENV.historyRetentionDays]: z.coerce.number().int().positive().default(400),
  [ENV.detailedMetrics]: z.enum(['true', 'false']).default('false'),
});

/** The settings every handler works from. */
export interface LambdaEnv {
  readonly tableName: string;
  readonly scanQueueUrl?: string;
  readonly clusters: readonly ClusterTarget[];
  readonly discovery?: z.output<typeof envSchema>[typeof ENV.discovery];
  readonly thresholds?: z.output<typeof envSchema>[typeof ENV.thresholds];
  readonly alertsTopicArn?: string;
  readonly digestTopicArn?: string;
  readonly slack?: { readonly channel: string; readonly tokenSecret: string };
  readonly timeZone: string;
  readonly scanIntervalMinutes: number;
  /** The scan Lambda's timeout; see `scanBudgetMs`. */
  readonly scanTimeoutSeconds: number;
  readonly historyRetentionDays: number;
  readonly detailedMetrics: boolean;
}

/** The environment is missing or malformed; the message names each bad variable. */
export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** Parses `env` (default process.env) into LambdaEnv, or throws EnvError naming every bad variable. */
export function readLambdaEnv(env: Readonly<Record<string, string | undefined>> = process.env): LambdaEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`invalid Lambda environment: ${lines.join('; ')}`);
  }
  const e = result.data;
  const channel = e[ENV.slackChannel];
  const tokenSecret = e[ENV.slackTokenSecret];
  return {
    tableName: e[ENV.tableName],
    scanQueueUrl: e[ENV.scanQueueUrl],
    clusters: e[ENV.clusters],
    discovery: e[ENV.discovery],
    thresholds: e[ENV.thresholds],
    alertsTopicArn: e[ENV.alertsTopicArn],
    digestTopicArn: e[ENV.digestTopicArn],
    slack: channel && tokenSecret ? { channel, tokenSecret } : undefined,
    timeZone: e[ENV.timeZone],
    scanIntervalMinutes: e[ENV.scanIntervalMinutes],
    scanTimeoutSeconds: e[ENV.scanTimeoutSeconds],
    historyRetentionDays: e[ENV.historyRetentionDays],
    detailedMetrics: e[ENV.detailedMetrics] === 'true',
  };
}
