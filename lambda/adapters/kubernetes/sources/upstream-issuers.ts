/**
 * Which upstream CAs a cluster issues from, as its issuers say: cert-manager Issuers and
 * ClusterIssuers with `spec.vault` (server + PKI path → mount, namespace, caBundle) and
 * aws-privateca-issuer AWSPCAIssuers/AWSPCAClusterIssuers (`spec.arn`, `spec.region`). Each
 * becomes an `upstream-issuer` signal; the scan then reads those upstreams.
 */

import { AWS_PCA_ISSUER } from '../../../domain/rbac/source-reads';
import type { UpstreamIssuerSignal } from '../../../domain/signals';
import { parsePrivateCaArn, vaultMountOfPath, vaultOrigin } from '../../../domain/upstream';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import type { KubeObject } from '../kube-api';
import type { ClusterContext } from './cluster-context';
import { Collector } from './collector';
import { decodeBase64, locationOf } from './object-data';

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * The signal of a cert-manager issuer with `spec.vault`; undefined for other issuers. A Vault
 * issuer whose server or path cannot be used is a `bad_data` failure in `out`.
 */
export function vaultIssuerSignal(out: Collector, issuer: KubeObject, kind: string): void {
  const vault = (issuer.spec as { vault?: Record<string, unknown> } | undefined)?.vault;
  if (vault === undefined) return;
  const source = locationOf(issuer, kind);
  const address = text(vault.server) ? vaultOrigin(text(vault.server)!) : undefined;
  const mount = text(vault.path) ? vaultMountOfPath(text(vault.path)!) : undefined;
  if (!address || !mount) {
    const what = !address ? 'spec.vault.server is not an http(s) URL' : 'spec.vault.path names no PKI mount';
    out.failWith('bad_data', what, source);
    return;
  }
  const caBundle = text(vault.caBundle) ? decodeBase64(text(vault.caBundle)!) : undefined;
  const namespace = text(vault.namespace);
  const signal: UpstreamIssuerSignal = {
    type: 'upstream-issuer',
    source,
    upstream: {
      kind: 'vault',
      address,
      mount,
      ...(namespace ? { namespace } : {}),
      ...(typeof caBundle === 'string' ? { caPem: caBundle } : {}),
    },
  };
  out.signals.push(signal);
}

/** Reads aws-privateca-issuer's issuers (skipped when its CRDs are not installed). */
export class AwsPcaIssuerSource implements CertificateSource {
  readonly name = 'aws-privateca-issuer';

  constructor(private readonly ctx: ClusterContext) {}

  /** One `upstream-issuer` signal per issuer with a usable ARN. */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const served = await this.ctx.groupVersions(signal);
    const base = `${AWS_PCA_ISSUER.group}/${AWS_PCA_ISSUER.version}`;
    if (!served.has(base)) return out.result();
    await Promise.all(
      AWS_PCA_ISSUER.kinds.map(async ([kind, resource]) => {
        const list = await out.attempt({ kind, name: '*' }, () =>
          this.ctx.api.list<KubeObject>(`/apis/${base}/${resource}`, { signal }),
        );
        for (const issuer of list ?? []) pcaIssuerSignal(out, issuer, kind);
      }),
    );
    return out.result();
  }
}

function pcaIssuerSignal(out: Collector, issuer: KubeObject, kind: string): void {
  const spec = (issuer.spec ?? {}) as { arn?: unknown; region?: unknown };
  const source = locationOf(issuer, kind);
  const arn = text(spec.arn);
  const parts = arn ? parsePrivateCaArn(arn) : undefined;
  if (!arn || !parts) {
    out.failWith('bad_data', 'spec.arn is not an AWS Private CA ARN', source);
    return;
  }
  // The CA lives in the ARN's region; spec.region only says where the issuer calls it.
  out.signals.push({
    type: 'upstream-issuer',
    source,
    upstream: { kind: 'aws-pca', arn, region: parts.region },
  });
}
