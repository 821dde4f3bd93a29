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
import { normaliseMount, parsePrivateCaArn, vaultOrigin } from '../domain/upstream';

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

/** A Secrets Manager secret name or ARN (a token certwatch reads at run time, never its value). */
export const SECRET_PATTERN =
  /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+|[\w/+=.@-]{1,512})$/;

const text = (what: string, valid: (value: string) => boolean) =>
  z
    .string({ error: (i) => `expected ${what}, received ${show(i.input)}` })
    .refine(valid, { error: (i) => `expected ${what}, received ${show(i.input)}` });

/** A Kubernetes object or namespace name. */
const kubeName = (what: string) =>
  text(what, (v) => v.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v));

/**
 * Upstream CAs every scan of the deployed stack reads (Vault PKI mounts, AWS Private CAs), besides
 * those the clusters' cert-manager issuers name. The Vault token is not here: only the name or ARN
 * of the Secrets Manager secret that holds it, read by the scan Lambda at run time.
 */
export const upstreamsSchema = z
  .strictObject({
    vault: z
      .strictObject({
        /** The Vault server, e.g. `https://vault.internal:8200` (VAULT_ADDR). */
        address: text('an http(s) Vault address like "https://vault.internal:8200"', (v) => !!vaultOrigin(v)),
        /** PKI mounts whose issuers are read, e.g. `pki_int`. */
        mounts: z
          .array(text('a Vault PKI mount path like "pki_int"', (v) => !!normaliseMount(v)))
          .min(1, { error: 'expected at least one Vault PKI mount like "pki_int"' }),
        /** Vault Enterprise namespace (VAULT_NAMESPACE). @default - none */
        namespace: text('a Vault namespace like "team-a"', (v) => /^[\w.-]+(\/[\w.-]+)*$/.test(v)).optional(),
        /** Secrets Manager secret (name or ARN) whose string value is the Vault token. @default - no token */
        tokenSecret: text('a Secrets Manager secret name or ARN like "certwatch/vault-token"', (v) =>
          SECRET_PATTERN.test(v),
        ).optional(),
        /** PEM of the CA that signed Vault's TLS certificate (VAULT_CACERT). @default - the system store */
        caCertPem: text('a PEM certificate ("-----BEGIN CERTIFICATE-----…")', (v) =>
          v.includes('-----BEGIN CERTIFICATE-----'),
        ).optional(),
      })
      .optional(),
    /** AWS Private CAs to read. */
    privateCaArns: z
      .array(
        text(
          'an AWS Private CA ARN like "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/…"',
          (v) => !!parsePrivateCaArn(v),
        ),
      )
      .default([]),
  })
  .prefault({});

/** Upstream settings with defaults resolved (what `CERTWATCH_UPSTREAMS` carries). */
export type UpstreamsConfig = z.output<typeof upstreamsSchema>;

/**
 * Where the cluster sources look when the defaults do not fit: the same fields the CLI's source
 * flags fill (`--cluster-resource-namespace`, `--consul-address`, `--consul-service`,
 * `--spire-bundle`), applied to every cluster of the deployed stack.
 */
export const sourceOptionsSchema = z
  .strictObject({
    /** Where ClusterIssuer CA Secrets live (cert-manager's `--cluster-resource-namespace`). @default cert-manager */
    clusterResourceNamespace: kubeName('a namespace like "cert-manager"').optional(),
    /** The Consul server: a direct URL, or a Service the API server proxies to. @default - the consul-server found running */
    consul: z
      .strictObject({
        address: text(
          'an http(s) URL like "https://consul.internal:8501"',
          (v) => !!vaultOrigin(v),
        ).optional(),
        namespace: kubeName('a namespace like "consul"').optional(),
        service: kubeName('a Service name like "consul-server"').optional(),
        port: z
          .number({ error: (i) => `expected a port 1-65535, received ${show(i.input)}` })
          .refine((v) => Number.isInteger(v) && v >= 1 && v <= 65535, {
            error: (i) => `expected a port 1-65535, received ${show(i.input)}`,
          })
          .optional(),
      })
      // As the CLI's --consul-address and --consul-service: one way to reach Consul, not both.
      .refine((c) => !(c.address && (c.namespace || c.service || c.port)), {
        error: 'expected either address or namespace/service/port (they are alternatives), received both',
      })
      .optional(),
    /** SPIRE's bundle ConfigMap. @default spire-bundle, key bundle.crt, any namespace */
    spire: z
      .strictObject({
        namespace: kubeName('a namespace like "spire-system"').optional(),
        name: kubeName('a ConfigMap name like "spire-bundle"').optional(),
        key: text('a ConfigMap key like "bundle.crt"', (v) => /^[-._a-zA-Z0-9]{1,253}$/.test(v)).optional(),
      })
      .optional(),
  })
  .prefault({});

/** Source options as the scan Lambda reads them (`CERTWATCH_SOURCE_OPTIONS`). */
export type SourceOptionsConfig = z.output<typeof sourceOptionsSchema>;

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
