/**
 * Vault PKI source: every issuer of a mount (`LIST /v1/<mount>/issuers`, then
 * `GET /v1/<mount>/issuer/<id>/json`: certificate and ca_chain; both unauthenticated in current
 * Vault), falling back to `/v1/<mount>/ca_chain` and `/v1/<mount>/ca/pem` on servers older than
 * 1.11 (no multi-issuer API). Returns PEM text plus where it was read; sealed (503), denied (403),
 * unreachable and TLS failures come back as failures at the mount, never as a rejection.
 * The token goes only to the configured Vault address, never to one a cluster object names.
 */
import type { CertificateMaterial } from '../../domain/model';
import { upstreamLocation, type VaultMountRef } from '../../domain/upstream';
import type { CollectResult, SourceFailure, SourceFailureReason } from '../../ports/certificate-source';
import { type BoundedResponse, boundedGet, ExternalReadError } from './bounded-get';

/** The standard Vault client settings (VAULT_ADDR, VAULT_TOKEN). */
export interface VaultCredentials {
  /** The configured server: the only origin the token is sent to. */
  readonly address?: string;
  /** The token, or how to fetch it (the stack's secret), asked once when the configured server is first read. */
  readonly token?: string | (() => Promise<string>);
}

/** Limits on what a server may return. */
export interface VaultReaderOptions {
  /** Per request. @default 10000 */
  readonly timeoutMs?: number;
  /** Per response body. @default 1 MiB */
  readonly maxBytes?: number;
  /** Issuers read per mount (Vault keeps old ones after rotation). @default 100 */
  readonly maxIssuers?: number;
  readonly get?: typeof boundedGet;
}

const SOURCE = 'vault-pki';

/** A request that answered with an error status. */
class VaultStatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function reasonOfStatus(status: number): SourceFailureReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status === 429 || status >= 500) return 'server_error';
  return 'bad_data';
}

/** Printable, bounded text from a server (its error strings are not trusted). */
function clean(text: string, max = 200): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function vaultErrors(body: string): string {
  try {
    const errors = (JSON.parse(body) as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return clean(errors.filter((e) => typeof e === 'string').join('; '));
  } catch {
    // not JSON: fall through
  }
  return clean(body, 120);
}

/** Reads the issuers of Vault PKI mounts. */
export class VaultPkiReader {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxIssuers: number;
  private readonly get: typeof boundedGet;
  private readonly tokenOrigin: string | undefined;
  private token: Promise<string> | undefined;

  constructor(
    private readonly credentials: VaultCredentials = {},
    options: VaultReaderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.maxIssuers = options.maxIssuers ?? 100;
    this.get = options.get ?? boundedGet;
    this.tokenOrigin = credentials.address ? new URL(credentials.address).origin : undefined;
  }

  /** Every issuer of `ref`'s mount, with its chain. */
  async read(ref: VaultMountRef, signal: AbortSignal): Promise<CollectResult> {
    const materials: CertificateMaterial[] = [];
    const failures: SourceFailure[] = [];
    const fail = (error: unknown, key: string) => {
      const reason =
        error instanceof VaultStatusError
          ? reasonOfStatus(error.status)
          : error instanceof ExternalReadError
            ? error.reason
            : 'bad_data';
      const detail = error instanceof Error ? error.message : String(error);
      failures.push({ source: SOURCE, location: upstreamLocation(ref, key), reason, detail });
    };
    try {
      const list = await this.json(ref, 'issuers?list=true', signal).catch((error: unknown) => {
        if (error instanceof VaultStatusError && (error.status === 404 || error.status === 405))
          return undefined;
        throw error;
      });
      if (list === undefined) await this.readDefaultChain(ref, signal, materials, failures);
      else await this.readIssuers(ref, list, signal, materials, fail);
    } catch (error) {
      fail(error, 'issuers');
    }
    return { materials, signals: [], failures };
  }

  private async readIssuers(
    ref: VaultMountRef,
    list: unknown,
    signal: AbortSignal,
    materials: CertificateMaterial[],
    fail: (error: unknown, key: string) => void,
  ): Promise<void> {
    const keys = (list as { data?: { keys?: unknown } }).data?.keys;
    if (!Array.isArray(keys)) throw new Error('LIST issuers answered without data.keys');
    const ids = keys.filter((k): k is string => typeof k === 'string' && /^[\w.-]{1,128}$/.test(k));
    if (ids.length < keys.length)
      fail(new Error('issuer ids that are not plain names were skipped'), 'issuers');
    if (ids.length > this.maxIssuers)
      fail(new Error(`${ids.length} issuers: only the first ${this.maxIssuers} were read`), 'issuers');
    for (const id of ids.slice(0, this.maxIssuers)) {
      const key = `issuer/${id}`;
      try {
        const data = ((await this.json(ref, `${key}/json`, signal)) as { data?: Record<string, unknown> })
          .data;
        const certificate = data?.certificate;
        if (typeof certificate !== 'string' || certificate.trim() === '')
          throw new Error(`${key}/json has no certificate`);
        materials.push({ source: upstreamLocation(ref, key), data: certificate, mesh: 'vault' });
        const chain = Array.isArray(data?.ca_chain) ? data.ca_chain.filter((c) => typeof c === 'string') : [];
        if (chain.length > 0)
          materials.push({
            source: upstreamLocation(ref, `${key}/ca_chain`),
            data: chain.join('\n'),
            mesh: 'vault',
          });
      } catch (error) {
        fail(error, key);
      }
    }
  }

  // Vault before 1.11: one CA per mount, its chain at ca_chain (PEM) and its certificate at ca/pem.
  private async readDefaultChain(
    ref: VaultMountRef,
    signal: AbortSignal,
    materials: CertificateMaterial[],
    failures: SourceFailure[],
  ): Promise<void> {
    const found: CertificateMaterial[] = [];
    let missing = 0;
    for (const key of ['ca/pem', 'ca_chain']) {
      const res = await this.request(ref, key, signal);
      if (res.status === 404 || res.status === 204) missing++;
      else if (res.status !== 200) throw new VaultStatusError(statusText(ref, key, res), res.status);
      else if (res.body.includes('-----BEGIN'))
        found.push({ source: upstreamLocation(ref, key), data: res.body, mesh: 'vault' });
    }
    if (found.length > 0) materials.push(...found);
    else
      failures.push({
        source: SOURCE,
        location: upstreamLocation(ref, 'ca_chain'),
        reason: missing === 2 ? 'not_found' : 'bad_data',
        detail: `no CA certificate at ${ref.mount}/ca/pem or ${ref.mount}/ca_chain (is it a PKI mount with a CA?)`,
      });
  }

  private async json(ref: VaultMountRef, path: string, signal: AbortSignal): Promise<unknown> {
    const res = await this.request(ref, path, signal);
    if (res.status !== 200) throw new VaultStatusError(statusText(ref, path, res), res.status);
    try {
      return JSON.parse(res.body) as unknown;
    } catch {
      throw new Error(`${ref.mount}/${path.split('?')[0]} answered with something other than JSON`);
    }
  }

  // The token's value never reaches an error: a failed fetch says only that it failed and why.
  private tokenValue(): Promise<string> {
    const token = this.credentials.token;
    this.token ??=
      typeof token === 'function'
        ? token().catch((error: unknown) => {
            throw new ExternalReadError(
              `cannot read the Vault token: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
              'unauthorized',
              { cause: error },
            );
          })
        : Promise.resolve(token ?? '');
    return this.token;
  }

  private async request(ref: VaultMountRef, path: string, signal: AbortSignal): Promise<BoundedResponse> {
    const headers: Record<string, string> = {};
    if (this.credentials.token && ref.address === this.tokenOrigin) {
      const token = await this.tokenValue();
      if (token) headers['x-vault-token'] = token;
    }
    if (ref.namespace) headers['x-vault-namespace'] = ref.namespace;
    const url = new URL(`/v1/${ref.mount}/${path}`, ref.address);
    return this.get(url, {
      headers,
      ...(ref.caPem ? { caPem: ref.caPem } : {}),
      timeoutMs: this.timeoutMs,
      maxBytes: this.maxBytes,
      signal,
    });
  }
}

function statusText(ref: VaultMountRef, path: string, res: BoundedResponse): string {
  const errors = vaultErrors(res.body);
  return `GET ${ref.mount}/${path.split('?')[0]}: HTTP ${res.status}${errors ? ` (${errors})` : ''}`;
}
