/**
 * Upstream CAs: the Vault PKI mounts and AWS Private CAs a cluster's CAs are issued from. What
 * identifies one, where its certificates are said to be found, and how cert-manager's issuers
 * name them. Pure: imports ./model only.
 */
import type { SourceLocation } from './model';

/** Location kind of certificates read from a Vault PKI mount (`name` is the mount's URL). */
export const VAULT_PKI_KIND = 'VaultPKI';
/** Location kind of certificates read from AWS Private CA (`name` is the CA's ARN). */
export const PRIVATE_CA_KIND = 'PrivateCA';

/** A Vault PKI mount: server origin, optional Vault namespace, mount path. */
export interface VaultMountRef {
  readonly kind: 'vault';
  /** Origin, e.g. `https://vault.example.com:8200` (no path, no trailing slash). */
  readonly address: string;
  /** Vault Enterprise namespace (`X-Vault-Namespace`), e.g. `admin/team-a`. */
  readonly namespace?: string;
  /** Mount path without slashes at either end, e.g. `pki_int`. */
  readonly mount: string;
  /** PEM of the CA to trust for TLS to this server (cert-manager's `caBundle`); not part of the identity. */
  readonly caPem?: string;
}

/** An AWS Private CA by ARN. */
export interface PrivateCaRef {
  readonly kind: 'aws-pca';
  readonly arn: string;
  readonly region: string;
}

/** One upstream CA. */
export type UpstreamRef = VaultMountRef | PrivateCaRef;

/** An upstream and why it is read: configured, and/or named by these cluster objects. */
export interface UpstreamUse {
  readonly ref: UpstreamRef;
  readonly configured: boolean;
  /** `ClusterIssuer vault-issuer`, `AWSPCAIssuer team-a/pca`, … */
  readonly discoveredFrom: readonly string[];
}

/** An upstream of a cluster and how its read went. */
export interface UpstreamRead extends UpstreamUse {
  readonly status: 'ok' | 'partial' | 'failed';
}

const PCA_ARN = /^arn:(aws[a-z-]*):acm-pca:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):certificate-authority\/[\w-]+$/;

/** The parts of an AWS Private CA ARN, or undefined when `arn` is not one. */
export function parsePrivateCaArn(arn: string): { region: string; account: string } | undefined {
  const m = PCA_ARN.exec(arn.trim());
  return m ? { region: m[2]!, account: m[3]! } : undefined;
}

/** Normalised origin of a Vault address (`https://Vault:8200/` → `https://vault:8200`), or undefined. */
export function vaultOrigin(address: string): string | undefined {
  try {
    const url = new URL(address.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** A mount path without surrounding slashes; undefined when empty or not a plain path. */
export function normaliseMount(mount: string): string | undefined {
  const trimmed = mount.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '' || !/^[\w.-]+(?:\/[\w.-]+)*$/.test(trimmed)) return undefined;
  if (trimmed.split('/').some((s) => s === '.' || s === '..')) return undefined;
  return trimmed;
}

// Operation segments of the PKI paths cert-manager signs with: pki_int/sign/role,
// pki/root/sign-intermediate, pki/issuer/default/sign/role, pki/sign-verbatim, pki/issue/role.
const OPERATIONS = new Set(['sign', 'issue', 'sign-verbatim', 'root', 'issuer', 'intermediate']);

/** The PKI mount of a cert-manager `spec.vault.path` (`pki_int/sign/example` → `pki_int`). */
export function vaultMountOfPath(path: string): string | undefined {
  const segments = path
    .trim()
    .replace(/^\/+/, '')
    .replace(/^v1\//, '')
    .split('/')
    .filter((s) => s !== '');
  const op = segments.findIndex((s, i) => i > 0 && OPERATIONS.has(s));
  if (op <= 0) return undefined;
  return normaliseMount(segments.slice(0, op).join('/'));
}

/** Identity of an upstream: two refs with the same key are read once. */
export function upstreamKey(ref: UpstreamRef): string {
  return ref.kind === 'vault'
    ? `vault|${ref.address}|${ref.namespace ?? ''}|${ref.mount}`
    : `aws-pca|${ref.arn}`;
}

/** `Vault PKI mount pki_int at https://vault:8200` / `AWS Private CA arn:…`, for messages. */
export function describeUpstream(ref: UpstreamRef): string {
  if (ref.kind === 'aws-pca') return `AWS Private CA ${ref.arn}`;
  const ns = ref.namespace ? ` (namespace ${ref.namespace})` : '';
  return `Vault PKI mount ${ref.mount} at ${ref.address}${ns}`;
}

/** Where certificates read from `ref` are said to be found; `key` names the path or field. */
export function upstreamLocation(ref: UpstreamRef, key: string): SourceLocation {
  if (ref.kind === 'aws-pca') return { kind: PRIVATE_CA_KIND, name: ref.arn, key };
  return {
    kind: VAULT_PKI_KIND,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    name: `${ref.address}/v1/${ref.mount}`,
    key,
  };
}

/** True for a place outside the cluster: a Vault mount or a Private CA. */
export function isUpstreamLocation(source: SourceLocation): boolean {
  return source.kind === VAULT_PKI_KIND || source.kind === PRIVATE_CA_KIND;
}

/** The upstream a location was read from (the inverse of {@link upstreamLocation}). */
export function upstreamOfLocation(source: SourceLocation): UpstreamRef | undefined {
  if (source.kind === PRIVATE_CA_KIND) {
    const parts = parsePrivateCaArn(source.name);
    return parts ? { kind: 'aws-pca', arn: source.name, region: parts.region } : undefined;
  }
  if (source.kind !== VAULT_PKI_KIND) return undefined;
  const m = /^(https?:\/\/[^/]+)\/v1\/(.+)$/.exec(source.name);
  if (!m) return undefined;
  return {
    kind: 'vault',
    address: m[1]!,
    mount: m[2]!,
    ...(source.namespace ? { namespace: source.namespace } : {}),
  };
}

/**
 * Merges configured upstreams with those the cluster's issuers name: one entry per upstream,
 * configured settings (token origin, TLS CA) winning over discovered ones.
 */
export function mergeUpstreams(
  configured: readonly UpstreamRef[],
  discovered: readonly { ref: UpstreamRef; from: string }[],
): UpstreamUse[] {
  const byKey = new Map<string, { ref: UpstreamRef; configured: boolean; from: Set<string> }>();
  for (const ref of configured)
    if (!byKey.has(upstreamKey(ref))) byKey.set(upstreamKey(ref), { ref, configured: true, from: new Set() });
  for (const { ref, from } of discovered) {
    const key = upstreamKey(ref);
    const entry = byKey.get(key) ?? { ref, configured: false, from: new Set<string>() };
    entry.from.add(from);
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .map((e) => ({ ref: e.ref, configured: e.configured, discoveredFrom: [...e.from].sort() }))
    .sort((a, b) => upstreamKey(a.ref).localeCompare(upstreamKey(b.ref)));
}
