/**
 * Consul Connect CA: `GET /v1/connect/ca/roots` (no ACL token needed) through the API server's
 * service proxy, or at a configured address. Roots, their intermediates, trust domain, active root.
 */
import { boundedText } from '../../../domain/bounded-text';
import type { CertificateMaterial, SourceLocation } from '../../../domain/model';
import { CONSUL } from '../../../domain/rbac/source-reads';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import { KubeApiError } from '../kube-api';
import { type ClusterContext, servesAnyGroup } from './cluster-context';
import { Collector, isNotFound } from './collector';
import { proxyPath } from './object-data';

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

  /** Collects the roots; a 404 of the default service means Consul is not installed. */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const served = await this.ctx.groupVersions(signal);
    const config = this.ctx.options.consul ?? {};
    const namespace = config.namespace ?? CONSUL.namespace;
    const service = config.service ?? CONSUL.service;
    const where: SourceLocation = { kind: 'ConsulCARoots', namespace, name: service, key: CONSUL.rootsPath };
    const expected =
      config.address !== undefined ||
      config.service !== undefined ||
      servesAnyGroup(served, CONSUL.apiGroups);
    let body: string;
    try {
      body = await this.fetchRoots(namespace, service, config.port ?? CONSUL.port, signal);
    } catch (error) {
      if (!expected && isNotFound(error)) return out.result(); // Consul is not installed.
      out.fail(error);
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
    const response = await fetch(new URL(CONSUL.rootsPath, address), { signal });
    if (!response.ok) {
      const reason =
        response.status === 404 ? 'not_found' : response.status >= 500 ? 'server_error' : 'permission_denied';
      throw new KubeApiError(`Consul answered ${response.status}`, response.status, reason);
    }
    return cappedText(response, MAX_ROOTS_BYTES);
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

/** A Consul roots answer is a few certificates; more than this is not one. */
const MAX_ROOTS_BYTES = 1024 * 1024;

/** The body as text, read as a stream and refused (`bad_data`) past `maxBytes`. */
async function cappedText(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new KubeApiError(`Consul answer larger than ${maxBytes} bytes`, 200, 'bad_data');
    }
    chunks.push(value);
  }
}

function rootMaterials(root: ConsulRoot, i: number, where: SourceLocation): CertificateMaterial[] {
  const out: CertificateMaterial[] = [];
  if (typeof root.RootCert === 'string') {
    out.push({
      source: { ...where, key: `Roots[${i}].RootCert` },
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
