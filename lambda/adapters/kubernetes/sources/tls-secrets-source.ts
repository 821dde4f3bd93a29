/**
 * Every `kubernetes.io/tls` Secret of the cluster (opt-in: `--all-tls-secrets`), from one
 * paginated cluster-wide list processed page by page; it replaces cert-manager's per-Certificate
 * Secret GETs. The listing carries private keys over the wire; they are dropped
 * here, before anything leaves the source.
 */
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import type { KubeObject } from '../kube-api';
import type { ClusterContext } from './cluster-context';
import { Collector } from './collector';
import { locationOf, materialsFrom, secretEntries } from './object-data';

const KEYS = { 'tls.crt': { role: 'tls-certificate' }, 'ca.crt': { role: 'tls-ca', trustBundle: true } };

/** Reads all TLS Secrets. */
export class TlsSecretsSource implements CertificateSource {
  readonly name = 'tls-secrets';

  constructor(private readonly ctx: ClusterContext) {}

  /** Collects tls.crt/ca.crt of every TLS Secret. */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    await this.ctx.groupVersions(signal);
    // One copy of each distinct PEM: memory stays a page plus the distinct certificates, however
    // many Secrets repeat them (a restarted list re-adds materials; the scan drops the repeats).
    const distinct = new Map<string, string>();
    const intern = (data: string | Uint8Array) => {
      if (typeof data !== 'string') return data;
      const known = distinct.get(data);
      if (known !== undefined) return known;
      distinct.set(data, data);
      return data;
    };
    await out.attempt(undefined, () =>
      this.ctx.api.listPages<KubeObject>(
        '/api/v1/secrets',
        { fieldSelector: 'type=kubernetes.io/tls', pageSize: this.ctx.options.pageSize ?? 500, signal },
        (page) => {
          for (const secret of page) {
            const found = materialsFrom(secret, 'Secret', secretEntries(secret), KEYS, 'generic');
            out.addMaterials(
              found.map((m) => ({ ...m, data: intern(m.data) })),
              'no tls.crt',
              locationOf(secret, 'Secret'),
            );
          }
        },
      ),
    );
    return out.result();
  }
}
