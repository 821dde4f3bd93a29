/**
 * Consul Connect CA: `GET /v1/connect/ca/roots` (no ACL token needed) through the API server's
 * service proxy, or at a configured address. Roots, their intermediates, trust domain, active root.
 */
import { boundedText } from '../../../domain/bounded-text';
import { describeInstallation, type Installations, installationsOf } from '../../../domain/installations';
import type { CertificateMaterial, SourceLocation } from '../../../domain/model';
import { CONSUL } from '../../../domain/rbac/source-reads';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import { proxyPath } from '../api-paths';
import { type ClusterContext, type SourceOptions, servesAnyGroup } from './cluster-context';
import { Collector, errorDetail, isNotFound } from './collector';
import { consulGet } from './consul-http';

interface ConsulRoot {
  ID?: string;
  RootCert?: string;
  IntermediateCerts?: string[] | null;
  Active?: boolean;
}

/** Reads the Consul Connect CA roots. */
export class ConsulSource implements CertificateSource {
  readonly name = 'consul';

  constructor(private readonly ctx: ClusterContext) {}

  /**
   * Collects the roots from the configured address or service, else from the consul-server found
   * running (detection), else — when detection could not tell — from the default service, where a
   * 404 means Consul is not installed.
   */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const served = await this.ctx.groupVersions(signal);
    const target = consulTarget(this.ctx.options.consul, await this.ctx.installations(signal), served);
    if (!target) return out.result(); // Consul is not installed (nothing runs, no CRDs).
    const where = rootsLocation(this.ctx.options.consul?.address, target);
    let body: string;
    try {
      body = await this.fetchRoots(target.namespace, target.service, target.port, signal);
    } catch (error) {
      if (!target.expected && isNotFound(error)) return out.result(); // Consul is not installed.
      out.fail(error, undefined, `${target.why}: ${errorDetail(error)}`);
      return out.result();
    }
    this.parseRoots(out, body, where);
    return out.result();
  }

  private async fetchRoots(
    namespace: string,
    service: string,
    port: number,
    signal: AbortSignal,
  ): Promise<string> {
    const address = this.ctx.options.consul?.address;
    if (address === undefined) {
      const path = proxyPath('services', namespace, service, port, CONSUL.rootsPath);
      return this.ctx.api.proxyGet(path, { signal });
    }
    return consulGet(address, CONSUL.rootsPath, signal);
  }

  private parseRoots(out: Collector, body: string, where: SourceLocation): void {
    let parsed: { Roots?: ConsulRoot[]; TrustDomain?: string; ActiveRootID?: string };
    try {
      parsed = JSON.parse(body);
    } catch {
      out.failWith('bad_data', `not JSON: ${boundedText(body, 60)}`, where);
      return;
    }
    if (!Array.isArray(parsed.Roots)) {
      out.failWith('bad_data', 'no Roots array in the answer', where);
      return;
    }
    parsed.Roots.forEach((root, i) => {
      out.materials.push(...rootMaterials(root, i, where));
    });
    out.signals.push({
      type: 'consul-ca',
      source: where,
      ...(parsed.TrustDomain ? { trustDomain: parsed.TrustDomain } : {}),
      ...(parsed.ActiveRootID ? { activeRootId: parsed.ActiveRootID } : {}),
    });
  }
}

/**
 * Where the roots were read: the configured address (its origin: never a userinfo part), or the
 * Service the API server proxied to.
 */
function rootsLocation(address: string | undefined, target: ConsulTarget): SourceLocation {
  if (address !== undefined)
    return { kind: 'ConsulCARoots', name: new URL(address).origin, key: CONSUL.rootsPath };
  return { kind: 'ConsulCARoots', namespace: target.namespace, name: target.service, key: CONSUL.rootsPath };
}

function rootMaterials(root: ConsulRoot, i: number, where: SourceLocation): CertificateMaterial[] {
  const out: CertificateMaterial[] = [];
  if (typeof root.RootCert === 'string') {
    // All roots share one bundle key: an inactive root beside its active successor is then a
    // superseded anchor (info) unless something still chains to it; only the active root signs.
    out.push({
      source: { ...where, key: 'Roots.RootCert' },
      data: root.RootCert,
      mesh: 'consul',
      role: 'consul-root',
      trustBundle: true,
    });
  }
  (root.IntermediateCerts ?? []).forEach((pem, j) => {
    if (typeof pem !== 'string') return;
    const source = { ...where, key: `Roots[${i}].IntermediateCerts[${j}]` };
    out.push({ source, data: pem, mesh: 'consul', role: 'consul-intermediate' });
  });
  return out;
}

/** Where the Consul source asks for the roots, and why it expects Consul there. */
export interface ConsulTarget {
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  /** A 404 is then a blind spot, not "Consul is not installed". */
  readonly expected: boolean;
  readonly why: string;
}

/**
 * The configured address or service, else the consul-server found running, else — when CRDs are
 * served or detection could not tell — the default Service; undefined when Consul is not installed.
 */
export function consulTarget(
  config: SourceOptions['consul'] = {},
  installations: Installations,
  served: Set<string>,
): ConsulTarget | undefined {
  const port = config.port ?? CONSUL.port;
  if (config.address !== undefined || config.service !== undefined || config.namespace !== undefined) {
    const namespace = config.namespace ?? CONSUL.namespace;
    const service = config.service ?? CONSUL.service;
    const why = config.address ?? `configured service ${namespace}/${service}`;
    return { namespace, service, port, expected: true, why: `Consul at ${why}` };
  }
  const server = installationsOf(installations, 'consul')[0];
  if (server) {
    const why = `${describeInstallation(server)} runs; its roots were asked of Service ${server.namespace}/${server.name}:${port}`;
    return { namespace: server.namespace, service: server.name, port, expected: true, why };
  }
  const crds = servesAnyGroup(served, CONSUL.apiGroups);
  if (!crds && !installations.failure) return undefined;
  const why = crds
    ? `Consul CRDs are served; its roots were asked of Service ${CONSUL.namespace}/${CONSUL.service}:${port}`
    : `could not list workloads to find consul-server (${installations.failure?.reason}); tried Service ${CONSUL.namespace}/${CONSUL.service}:${port}`;
  return { namespace: CONSUL.namespace, service: CONSUL.service, port, expected: crds, why };
}
