/**
 * A loopback Vault HTTP API for tests, over HTTPS with a minted serving certificate: the PKI
 * read paths certwatch uses (LIST issuers, issuer/<id>/json, ca_chain, ca/pem), Vault's error
 * shapes (sealed 503, permission denied 403, 404 `{"errors":[]}`), namespaces through the
 * X-Vault-Namespace header, and an optional token check. Records every request. Test support.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { servingCert } from '#simulator/serving-cert';

/** One issuer of a mount, as Vault stores it. */
export interface VaultIssuer {
  readonly id: string;
  readonly name?: string;
  readonly certificatePem: string;
  /** The issuer's chain, itself first (Vault's `ca_chain`). */
  readonly caChain: readonly string[];
}

/** One PKI mount; `legacy` answers like Vault before 1.11 (no issuers API). */
export interface VaultMount {
  readonly issuers: readonly VaultIssuer[];
  readonly legacy?: boolean;
}

/** What a recorded request carried. */
export interface VaultRequest {
  readonly method: string;
  readonly path: string;
  readonly token?: string;
  readonly namespace?: string;
}

/** A running fake. */
export interface VaultApiServer {
  readonly url: string;
  /** PEM of the CA that signed the serving certificate (VAULT_CACERT). */
  readonly caPem: string;
  readonly requests: VaultRequest[];
  /** `sealed` answers 503 everywhere, like a sealed Vault. */
  sealed: boolean;
  /** When set, requests without this token get 403 "permission denied". */
  requiredToken?: string;
  /** Mounts by path; a namespaced mount is keyed `ns/mount`. */
  readonly mounts: Map<string, VaultMount>;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function route(server: VaultApiServer, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'https://vault');
  const token = req.headers['x-vault-token'] as string | undefined;
  const namespace = req.headers['x-vault-namespace'] as string | undefined;
  server.requests.push({
    method: req.method ?? 'GET',
    path: url.pathname + url.search,
    ...(token ? { token } : {}),
    ...(namespace ? { namespace } : {}),
  });
  if (server.sealed) return send(res, 503, { errors: ['Vault is sealed'] });
  if (server.requiredToken && token !== server.requiredToken)
    return send(res, 403, { errors: ['permission denied'] });
  // A namespace header works like a path prefix: mounts are keyed by their full path.
  const path = `${namespace ? `${namespace}/` : ''}${url.pathname.replace(/^\/v1\//, '')}`;
  const list = req.method === 'LIST' || url.searchParams.get('list') === 'true';
  for (const [name, mount] of server.mounts) {
    if (!path.startsWith(`${name}/`)) continue;
    const rest = path.slice(name.length + 1);
    const current = mount.issuers[0];
    if (rest === 'issuers' && list && !mount.legacy) {
      const keys = mount.issuers.map((i) => i.id);
      const info = Object.fromEntries(mount.issuers.map((i) => [i.id, { issuer_name: i.name ?? '' }]));
      return send(res, 200, { data: { keys, key_info: info } });
    }
    const issuer = /^issuer\/([^/]+)\/json$/.exec(rest);
    if (issuer && !mount.legacy) {
      const found = mount.issuers.find((i) => i.id === issuer[1] || i.name === issuer[1]);
      if (!found) return send(res, 404, { errors: [] });
      return send(res, 200, {
        data: {
          issuer_id: found.id,
          issuer_name: found.name ?? '',
          certificate: found.certificatePem,
          ca_chain: found.caChain,
          revocation_time: 0,
        },
      });
    }
    if (rest === 'ca_chain' && current)
      return send(res, 200, current.caChain.join(''), 'application/pem-certificate-chain');
    if (rest === 'ca/pem' && current)
      return send(res, 200, current.certificatePem, 'application/pem-certificate-chain');
  }
  return send(res, 404, { errors: [] });
}

/** Starts a fake Vault on 127.0.0.1 with a random port. */
export async function startVaultApi(mounts: Record<string, VaultMount> = {}): Promise<VaultApiServer> {
  const cert = await servingCert();
  let http: Server | undefined;
  const state: VaultApiServer = {
    url: '',
    caPem: cert.caPem,
    requests: [],
    sealed: false,
    mounts: new Map(Object.entries(mounts)),
    stop: () =>
      new Promise<void>((resolve) => {
        http?.closeAllConnections();
        http?.close(() => resolve());
      }),
  };
  http = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => route(state, req, res));
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  (state as { url: string }).url = `https://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return state;
}

/** Two fakes serving `mount` as `pki_int`: one requiring `token`, one sealed (503 everywhere). */
export async function startVaultPair(
  mount: VaultMount,
  token: string,
): Promise<{ vault: VaultApiServer; sealed: VaultApiServer }> {
  const [vault, sealed] = await Promise.all([
    startVaultApi({ pki_int: mount }),
    startVaultApi({ pki_int: mount }),
  ]);
  vault.requiredToken = token;
  sealed.sealed = true;
  return { vault, sealed };
}
