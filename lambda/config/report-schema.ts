/**
 * The JSON report (`schemaVersion: 1`) as a zod schema, held equal to the domain's `JsonReport`
 * type by the compiler (both directions below), so docs/report.schema.json — generated from it by
 * `npm run schema` — describes exactly what `scan`/`inspect --format json` print.
 */
import { z } from 'zod';
import type { JsonReport } from '../domain/report';

const isoInstant = z.iso.datetime().describe('ISO 8601 instant in UTC (years 0001–9999)');
const severity = z.enum(['info', 'warning', 'critical']);

const source = z
  .object({
    kind: z.string().describe('Object kind: Secret, ConfigMap, MutatingWebhookConfiguration, File, …'),
    namespace: z.string().describe("'' for cluster-scoped objects and files"),
    name: z.string().describe('Object name, or file path'),
    key: z.string().describe("Data key or field inside the object ('' when none)"),
  })
  .describe('Where a certificate (or a problem) was found');

const certificate = z.object({
  fingerprint: z
    .string()
    .regex(/^([0-9a-f]{64})?$/)
    .describe(
      "SHA-256 of the DER, lower-case hex: the identity ('' for a cert-manager Certificate known from its status)",
    ),
  subject: z.string().describe('RFC 4514, most specific RDN first'),
  issuer: z.string(),
  serialNumber: z.string().describe('lower-case hex'),
  notBefore: isoInstant.or(z.literal('')).describe("'' when a Certificate's status has no notBefore"),
  notAfter: isoInstant,
  level: z.enum(['root', 'intermediate', 'leaf']).describe('Decided by signature, not by flags or order'),
  role: z.string().describe('What it is in its mesh: istio-root, linkerd-issuer, webhook-ca, …'),
  spiffeIds: z.array(z.string()).readonly(),
  sources: z.array(source).readonly().describe('Every place the certificate was seen in this cluster'),
  daysLeft: z.number().int().describe('Whole days to the effective expiry (negative once expired)'),
  severity: z.enum(['ok', 'info', 'warning', 'critical']),
  effectiveNotAfter: isoInstant.describe('Earliest notAfter on the path to a trust anchor'),
  chainId: z.string().describe('Fingerprint of the chain anchor (or of the certificate itself)'),
  issuerFingerprint: z.string().optional(),
  mesh: z
    .enum(['istio', 'linkerd', 'consul', 'cert-manager', 'spire', 'vault', 'aws-pca', 'generic'])
    .optional(),
  dnsNames: z.array(z.string()).readonly(),
  certManager: z
    .object({
      namespace: z.string(),
      name: z.string(),
      secretName: z.string(),
      ready: z.boolean(),
      renewalTime: z.string().optional(),
      issuer: z.string().optional().describe('ClusterIssuer/name'),
      factsFrom: z
        .enum(['secret', 'status'])
        .describe('secret: parsed from its Secret; status: the Secret gave no certificate'),
    })
    .optional()
    .describe('The cert-manager Certificate managing this certificate'),
});

const finding = z.object({
  severity,
  rule: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .describe('Stable snake_case id, documented in docs/rules.md'),
  fingerprint: z.string().optional(),
  source: source.optional(),
  message: z.string(),
  remediation: z.string().optional(),
});

const parseError = z.object({
  reason: z.enum([
    'bad_pem',
    'bad_base64',
    'bad_der',
    'bad_jwks',
    'no_certificate',
    'unsupported_certificate',
    'too_large',
  ]),
  position: z.number().int().describe('Block index (PEM/JWK) or byte offset'),
  detail: z.string(),
  source: source.optional(),
});

const cluster = z.object({
  name: z.string(),
  status: z.enum(['ok', 'partial', 'unreachable']),
  certificates: z.array(certificate).readonly().describe('Each certificate once, with all its places'),
  findings: z.array(finding).readonly().describe('Worst first'),
  errors: z.array(parseError).readonly().describe('Material that could not be parsed'),
  upstreams: z
    .array(
      z.object({
        kind: z.enum(['vault', 'aws-pca']),
        name: z.string().describe("Vault: the mount's URL; AWS Private CA: its ARN"),
        namespace: z.string().optional(),
        configured: z.boolean(),
        discoveredFrom: z.array(z.string()).readonly().describe('Cluster objects naming it'),
        status: z.enum(['ok', 'partial', 'failed']),
      }),
    )
    .readonly()
    .optional()
    .describe('Upstream CAs the cluster depends on (present when any)'),
  sourceStatus: z
    .record(z.string(), z.enum(['complete', 'incomplete', 'failed']))
    .readonly()
    .optional()
    .describe('How completely each source was read; absent offline (inspect)'),
});

/** The report printed by `--format json`. */
export const reportSchema = z
  .object({
    schemaVersion: z.literal(1),
    generatedAt: isoInstant.describe('The instant the report judges (--now)'),
    clusters: z.array(cluster).readonly(),
  })
  .meta({ title: 'certwatch report', description: 'certwatch scan/inspect --format json (schemaVersion 1)' });

// The schema and the domain type must describe the same report: each is assignable to the other,
// and (for optional fields, which assignability lets through) they name the same keys.
type SchemaReport = z.infer<typeof reportSchema>;
const typeFromSchema = (r: SchemaReport): JsonReport => r;
const schemaFromType = (r: JsonReport): SchemaReport => r;
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
type Item<T> = T extends readonly (infer I)[] ? I : never;
type Cluster<R> = Item<R extends { clusters: infer C } ? C : never>;
type Cert<R> = Item<Cluster<R> extends { certificates: infer C } ? C : never>;
const sameKeys: [
  SameKeys<SchemaReport, JsonReport>,
  SameKeys<Cluster<SchemaReport>, Cluster<JsonReport>>,
  SameKeys<Cert<SchemaReport>, Cert<JsonReport>>,
] = [true, true, true];
void typeFromSchema;
void schemaFromType;
void sameKeys;

/** The JSON Schema (draft 2020-12) of the report, as docs/report.schema.json holds it. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema) as Record<string, unknown>;
}
