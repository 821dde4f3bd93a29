/**
 * The flags `scan` and `serve` share to say how a cluster is read (timeouts, all TLS Secrets,
 * where the sources look) and which upstream CAs the chains continue into (Vault PKI mounts, AWS
 * Private CAs), turned into the settings `composeFromFlags` takes.
 */
import { DEFAULT_SCAN_BUDGET_MS } from '../app/scan-cluster';
import { type CliSettingsInput, DEFAULT_REQUEST_TIMEOUT_MS } from '../config/cli-settings';
import { UsageError } from './command';
import { SOURCE_FLAGS, SOURCE_HELP, type SourceFlagValues, sourceOptionsFrom } from './source-flags';
import type { OptionHelp } from './usage';

/** parseArgs options of the shared scan flags (source flags included). */
export const SCAN_FLAGS = {
  'all-tls-secrets': { type: 'boolean' },
  'request-timeout': { type: 'string' },
  timeout: { type: 'string' },
  'vault-pki': { type: 'string', multiple: true },
  'pca-arn': { type: 'string', multiple: true },
  ...SOURCE_FLAGS,
} as const;

/** Help rows of the shared scan flags. */
export const SCAN_HELP: readonly OptionHelp[] = [
  ['--all-tls-secrets', 'also read all kubernetes.io/tls Secrets (needs a cluster-wide list)'],
  [
    '--request-timeout SECONDS',
    `timeout of each API request (default: ${DEFAULT_REQUEST_TIMEOUT_MS / 1000})`,
  ],
  ['--timeout SECONDS', `budget of each cluster's scan (default: ${DEFAULT_SCAN_BUDGET_MS / 1000})`],
  [
    '--vault-pki MOUNT',
    'also read every issuer of this Vault PKI mount; repeatable (VAULT_ADDR, VAULT_TOKEN, VAULT_NAMESPACE, VAULT_CACERT)',
  ],
  ['--pca-arn ARN', 'also read this AWS Private CA; repeatable (standard AWS credentials)'],
  ...SOURCE_HELP,
];

/** Values of the shared scan flags as parseArgs returns them. */
export type ScanFlagValues = SourceFlagValues & {
  readonly 'all-tls-secrets'?: boolean;
  readonly 'request-timeout'?: string;
  readonly timeout?: string;
  readonly 'vault-pki'?: readonly string[];
  readonly 'pca-arn'?: readonly string[];
};

/** A positive number of seconds given with `--flag`, in milliseconds. */
export function secondsFlag(flag: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`invalid --${flag} '${value}': expected a positive number of seconds`);
  return n * 1000;
}

/** The scan settings the shared flags give (validated; UsageError naming a bad flag). */
export function scanSettingsFrom(
  values: ScanFlagValues,
): Pick<CliSettingsInput, 'timeoutMs' | 'requestTimeoutMs' | 'sources' | 'upstreams'> {
  return {
    timeoutMs: secondsFlag('timeout', values.timeout, DEFAULT_SCAN_BUDGET_MS / 1000),
    requestTimeoutMs: secondsFlag(
      'request-timeout',
      values['request-timeout'],
      DEFAULT_REQUEST_TIMEOUT_MS / 1000,
    ),
    sources: { ...sourceOptionsFrom(values), allTlsSecrets: values['all-tls-secrets'] === true },
    upstreams: {
      ...(values['vault-pki'] ? { vaultMounts: values['vault-pki'] } : {}),
      ...(values['pca-arn'] ? { privateCaArns: values['pca-arn'] } : {}),
    },
  };
}
