/** SPIRE: the k8sbundle notifier's ConfigMap (namespace spire, `spire-bundle`, key bundle.crt). */
import { SPIRE } from '../../../domain/rbac/source-reads';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import type { KubeObject } from '../kube-api';
import { type ClusterContext, servesAnyGroup } from './cluster-context';
import { Collector, isNotFound } from './collector';
import { addConfigMapKey, corePath } from './object-data';

/** Reads SPIRE's trust bundle ConfigMap. */
export class SpireSource implements CertificateSource {
  readonly name = 'spire';

  constructor(private readonly ctx: ClusterContext) {}

  /** A 404 means SPIRE is absent, unless its CRDs are served (then the bundle is missing). */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const served = await this.ctx.groupVersions(signal);
    const where = { kind: 'ConfigMap', namespace: SPIRE.namespace, name: SPIRE.bundleConfigMap };
    let cm: KubeObject;
    try {
      cm = await this.ctx.api.get<KubeObject>(
        corePath('configmaps', SPIRE.namespace, SPIRE.bundleConfigMap),
        { signal },
      );
    } catch (error) {
      if (!isNotFound(error) || servesAnyGroup(served, SPIRE.apiGroups)) out.fail(error, where);
      return out.result();
    }
    addConfigMapKey(out, cm, SPIRE.bundleKey, { role: 'spire-root', trustBundle: true }, 'spire');
    return out.result();
  }
}
