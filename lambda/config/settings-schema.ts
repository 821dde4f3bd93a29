/**
 * The settings schema shared by every place that reads settings: the deployment configuration
 * (lib/config-schema.ts, at synth time), the Lambdas' environment (lambda-env.ts) and the CLI's
 * `--config certwatch.config.json` (cli-settings.ts). Pure zod and constants: lib/ may import it.
 *
 * Adding a judging setting (a threshold, a rule option): add it to {@link policySettingsSchema}
 * and map it in `policyOverrides` (settings.ts). The deployment config, the Lambda environment
 * (`CERTWATCH_POLICY` carries the whole object) and the CLI's config file then all accept it.
 */
import { z } from 'zod';
import { DEFAULT_RETIRE_AFTER_DAYS } from '../domain/history/retirement';

/** Days a cluster may go neither dispatched nor scanned before it retires (deployment config). */
export const retireAfterDaysSchema = z.number().int().min(1).max(365).default(DEFAULT_RETIRE_AFTER_DAYS);

/** An AWS region like `eu-west-1`, `us-gov-west-1` or `us-isob-east-1`. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** How an error message shows a received value. */
export function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

const days = (fallback: number) =>
  z
    .number({ error: (i) => `expected a number of days, received ${show(i.input)}` })
    .int()
    .min(0)
    .default(fallback);
const percent = (fallback: number) =>
  z
    .number({ error: (i) => `expected a percentage 0-100, received ${show(i.input)}` })
    .min(0)
    .max(100)
    .default(fallback);

/** A CA level: warn below N days or below N % of the lifetime left; critical below N days. */
const caThresholds = (warningDays: number, criticalDays: number, warningPct: number) =>
  z
    .strictObject({
      warningDays: days(warningDays),
      criticalDays: days(criticalDays),
      warningLifetimePercent: percent(warningPct),
    })
    .prefault({})
    .refine((t) => t.criticalDays <= t.warningDays, {
      error: 'expected criticalDays to be at most warningDays',
    });

/** Workload certificates rotate on their own: critical below N % of the lifetime or N hours left. */
const leafThresholds = z
  .strictObject({
    criticalLifetimePercent: percent(10),
    criticalHours: z
      .number({ error: (i) => `expected a number of hours, received ${show(i.input)}` })
      .min(0)
      .default(1),
  })
  .prefault({});

/** Expiry thresholds per level, with the defaults docs/rules.md documents. */
export const thresholdsSchema = z
  .strictObject({
    root: caThresholds(365, 90, 20),
    intermediate: caThresholds(90, 30, 30),
    leaf: leafThresholds,
  })
  .prefault({});

/**
 * Everything that changes a verdict, as top-level fields of the deployment configuration: one
 * schema for the deployment config, the Lambdas and the CLI, so a local run and the deployed
 * stack judge alike. lib/config-schema.ts spreads these fields into the deployment schema.
 */
export const policySettingsFields = { thresholds: thresholdsSchema };

/** Mesh groups: clusters (ids or names) that must share trust though nothing in them says so. */
export const meshGroupsSchema = z
  .array(
    z.strictObject({
      name: z.string().min(1),
      mesh: z.enum(['istio', 'linkerd', 'consul']).optional(),
      clusters: z.array(z.string().min(1)).min(2),
    }),
  )
  .default([]);

/** The policy settings object (what `CERTWATCH_POLICY` carries). */
export const policySettingsSchema = z.strictObject(policySettingsFields).prefault({});

/** Policy settings as written (defaults optional). */
export type PolicySettingsInput = z.input<typeof policySettingsSchema>;
/** Policy settings with every default resolved. */
export type PolicySettings = z.output<typeof policySettingsSchema>;

/**
 * The file `certwatch scan|inspect --config FILE` reads (JSON): the local-run part of the
 * deployment configuration, with the same field names, so a `thresholds` block can be copied
 * between the two. A setting the CLI should read from the file goes here (and into
 * `cliSettings`, cli-settings.ts).
 */
export const settingsFileSchema = z.strictObject({ ...policySettingsFields });
