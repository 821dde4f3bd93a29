/**
 * Consul cluster peerings (`GET /v1/peerings`, Consul 1.13+), read from the server the Consul
 * source read the CA roots from, the same way (service proxy, or the configured address): each
 * peering names a peer cluster, its state, and the peer's CA roots as this cluster holds them
 * (`PeerCAPems`). A 404 means the server predates peering: nothing to read.
 */
import { boundedText } from '../../../domain/bounded-text';
import type { SourceLocation } from '../../../domain/model';
import { CONSUL } from '../../../domain/rbac/source-reads';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import { proxyPath } from '../api-paths';
import type { ClusterContext } from './cluster-context';
import { Collector, isNotFound } from './collector';
import { consulGet } from './consul-http';

interface ConsulPeering {
  Name?: unknown;
  State?: unknown;
  PeerCAPems?: unknown;
  PeerServerName?: unknown;
}

/** Peerings kept per cluster: far more than any mesh declares. */
const MAX_PEERINGS = 64;
/** Roots kept per peering (a rotation holds two or three). */
const MAX_PEER_ROOTS = 16;

/** `server.<datacenter>.peering.<trust domain>` → the peer's trust domain. */
export function peerTrustDomain(serverName: string): string | undefined {
  return /^server\.[^.]+\.peering\.(.+)$/.exec(serverName)?.[1];
}

/** Reads the peerings into `mesh-link` signals; failures (not a 404) go to `out`. */
export async function readConsulPeerings(
  out: Collector,
  get: (path: string) => Promise<string>,
  where: SourceLocation,
): Promise<void> {
  let body: string;
  try {
    body = await get(CONSUL.peeringsPath);
  } catch (error) {
    if (!isNotFound(error)) out.fail(error, where);
    return;
  }
  let peerings: unknown;
  try {
    peerings = JSON.parse(body);
  } catch {
    out.failWith('bad_data', `not JSON: ${boundedText(body, 60)}`, where);
    return;
  }
  if (peerings === null) return; // Consul answers `null` when there is no peering.
  if (!Array.isArray(peerings)) {
    out.failWith('bad_data', 'the answer is not a list of peerings', where);
    return;
  }
  for (const peering of (peerings as ConsulPeering[]).slice(0, MAX_PEERINGS)) {
    if (!peering || typeof peering.Name !== 'string' || peering.Name === '') continue;
    const pems = Array.isArray(peering.PeerCAPems)
      ? peering.PeerCAPems.filter((p): p is string => typeof p === 'string').slice(0, MAX_PEER_ROOTS)
      : undefined;
    const domain =
      typeof peering.PeerServerName === 'string' ? peerTrustDomain(peering.PeerServerName) : undefined;
    out.signals.push({
      type: 'mesh-link',
      source: { ...where, name: boundedText(peering.Name, 253) },
      mesh: 'consul',
      via: 'consul-peering',
      target: boundedText(peering.Name, 253),
      ...(domain ? { targetTrustDomain: boundedText(domain, 253) } : {}),
      ...(typeof peering.State === 'string' ? { state: boundedText(peering.State, 40) } : {}),
      ...(pems ? { peerRootsPem: pems } : {}),
    });
  }
}

/** GET `path` on the Consul server whose roots were read at `roots` (a ConsulCARoots location). */
function peeringsGet(ctx: ClusterContext, roots: SourceLocation, signal: AbortSignal) {
  return async (path: string): Promise<string> => {
    const address = ctx.options.consul?.address;
    if (address !== undefined) return consulGet(address, path, signal);
    const port = ctx.options.consul?.port ?? CONSUL.port;
    const proxied = proxyPath('services', roots.namespace ?? CONSUL.namespace, roots.name, port, path);
    return ctx.api.proxyGet(proxied, { signal });
  };
}

/**
 * The Consul source, then the peerings of the server it read the roots from (only when it did):
 * one source named `consul`, so coverage and RBAC stay as they are.
 */
export function withConsulPeerings(roots: CertificateSource, ctx: ClusterContext): CertificateSource {
  return {
    name: roots.name,
    async collect(signal: AbortSignal): Promise<CollectResult> {
      const result = await roots.collect(signal);
      const ca = result.signals.find((s) => s.type === 'consul-ca');
      if (!ca) return result;
      const out = new Collector(roots.name);
      const where = { ...ca.source, kind: 'ConsulPeerings', key: CONSUL.peeringsPath };
      await readConsulPeerings(out, peeringsGet(ctx, ca.source, signal), where);
      return {
        ...result,
        signals: [...result.signals, ...out.signals],
        failures: [...result.failures, ...out.failures],
      };
    },
  };
}
