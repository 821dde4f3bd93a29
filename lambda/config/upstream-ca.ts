/**
 * The upstream CA settings (Vault PKI mounts, AWS Private CA ARNs), validated from the CLI's flags
 * and the standard Vault variables, or from the stack's `upstreams` (CERTWATCH_UPSTREAMS, already
 * validated by the shared schema); compose.ts builds the readers from them. The Vault token is
 * never put in an error, a log line or a report; the stack names only the secret holding it.
 */
import { normaliseMount, parsePrivateCaArn, type UpstreamRef, vaultOrigin } from '../domain/upstream';
import { SettingsError } from './settings';
import type { UpstreamsConfig } from './settings-schema';

/** The Vault token itself (CLI: VAULT_TOKEN) or the Secrets Manager secret holding it (Lambda). */
export type VaultToken = { readonly value: string } | { readonly secretId: string };

/** Vault settings, as `VAULT_ADDR`, `VAULT_TOKEN`, `VAULT_NAMESPACE`, `VAULT_CACERT` give them. */
export interface VaultSettings {
  readonly address: string;
  readonly token?: VaultToken;
  readonly namespace?: string;
  /** PEM of the CA that signed Vault's TLS certificate. */
  readonly caPem?: string;
  readonly mounts: readonly string[];
}

/** Which upstreams every scan reads, and how. */
export interface UpstreamSettings {
  readonly vault?: VaultSettings;
  readonly privateCaArns: readonly string[];
}

/** A setting that cannot be used; the message names it and what was expected. */
export class UpstreamConfigError extends SettingsError {
  override readonly name = 'UpstreamConfigError';
}

/** Raw inputs: mounts and ARNs from flags or config, the VAULT_* variables, a CA file reader. */
export interface UpstreamInputs {
  readonly vaultMounts?: readonly string[];
  readonly privateCaArns?: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads VAULT_CACERT. */
  readonly readFile: (path: string) => string;
}

/** Validates `inputs`; throws UpstreamConfigError naming the first bad value. */
export function upstreamSettings(inputs: UpstreamInputs): UpstreamSettings {
  const mounts = (inputs.vaultMounts ?? []).map((m) => {
    const mount = normaliseMount(m);
    if (!mount) throw new UpstreamConfigError(`invalid Vault PKI mount '${m}': expected a path like pki_int`);
    return mount;
  });
  const arns = (inputs.privateCaArns ?? []).map((arn) => {
    if (!parsePrivateCaArn(arn))
      throw new UpstreamConfigError(
        `invalid AWS Private CA ARN '${arn}': expected arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID`,
      );
    return arn.trim();
  });
  const vault = vaultSettings(inputs, mounts);
  return { ...(vault ? { vault } : {}), privateCaArns: [...new Set(arns)] };
}

function vaultSettings(inputs: UpstreamInputs, mounts: string[]): VaultSettings | undefined {
  const { env } = inputs;
  const raw = env.VAULT_ADDR?.trim();
  if (!raw) {
    if (mounts.length > 0)
      throw new UpstreamConfigError(
        '--vault-pki needs VAULT_ADDR (the Vault server, e.g. https://vault:8200)',
      );
    return undefined;
  }
  const address = vaultOrigin(raw);
  if (!address) throw new UpstreamConfigError(`invalid VAULT_ADDR '${raw}': expected an http(s) URL`);
  let caPem: string | undefined;
  const caFile = env.VAULT_CACERT?.trim();
  if (caFile) {
    try {
      caPem = inputs.readFile(caFile);
    } catch (error) {
      throw new UpstreamConfigError(`cannot read VAULT_CACERT '${caFile}': ${(error as Error).message}`);
    }
    if (!caPem.includes('-----BEGIN CERTIFICATE-----'))
      throw new UpstreamConfigError(`VAULT_CACERT '${caFile}' holds no PEM certificate`);
  }
  const token = env.VAULT_TOKEN?.trim();
  return vault(address, mounts, {
    ...(token ? { token: { value: token } } : {}),
    namespace: env.VAULT_NAMESPACE,
    caPem,
  });
}

function vault(
  address: string,
  mounts: readonly string[],
  rest: { token?: VaultToken; namespace?: string | undefined; caPem?: string | undefined },
): VaultSettings {
  const namespace = rest.namespace?.trim().replace(/^\/+|\/+$/g, '');
  return {
    address,
    ...(rest.token ? { token: rest.token } : {}),
    ...(namespace ? { namespace } : {}),
    ...(rest.caPem ? { caPem: rest.caPem } : {}),
    mounts: [...new Set(mounts)],
  };
}

/**
 * The stack's upstreams (CERTWATCH_UPSTREAMS), validated by the shared schema: normalised like the
 * CLI's, the token left in its secret (read by the scan Lambda when Vault is first asked).
 */
export function upstreamsFromConfig(config: UpstreamsConfig): UpstreamSettings {
  const v = config.vault;
  const arns = config.privateCaArns.map((arn) => arn.trim());
  return {
    ...(v
      ? {
          vault: vault(
            vaultOrigin(v.address)!,
            v.mounts.map((m) => normaliseMount(m)!),
            {
              ...(v.tokenSecret ? { token: { secretId: v.tokenSecret } } : {}),
              namespace: v.namespace,
              caPem: v.caCertPem,
            },
          ),
        }
      : {}),
    privateCaArns: [...new Set(arns)],
  };
}

/** The upstreams every cluster of the run reads. */
export function configuredUpstreams(settings: UpstreamSettings): UpstreamRef[] {
  const v = settings.vault;
  const vault: UpstreamRef[] = (v?.mounts ?? []).map((mount) => ({
    kind: 'vault',
    address: v!.address,
    mount,
    ...(v!.namespace ? { namespace: v!.namespace } : {}),
    ...(v!.caPem ? { caPem: v!.caPem } : {}),
  }));
  const pca: UpstreamRef[] = settings.privateCaArns.map((arn) => ({
    kind: 'aws-pca',
    arn,
    region: parsePrivateCaArn(arn)!.region,
  }));
  return [...vault, ...pca];
}
