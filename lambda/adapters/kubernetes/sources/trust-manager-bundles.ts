/** trust-manager Bundles: each Bundle's target ConfigMaps (same name as the Bundle), every namespace. */
import { CERT_MANAGER } from '../../../domain/rbac/source-reads';
import type { KubeObject } from '../kube-api';
import type { ClusterContext } from './cluster-context';
import type { Collector } from './collector';
import { DEFAULT_CONCURRENCY, forEachLimited } from './concurrency-limit';
import { addConfigMapKey } from './object-data';

/** Reads every Bundle's ConfigMap targets into `out` (Secret targets are not read: least privilege). */
export async function readTrustBundles(
  ctx: ClusterContext,
  out: Collector,
  signal: AbortSignal,
): Promise<void> {
  const path = `/apis/${CERT_MANAGER.trustGroup}/${CERT_MANAGER.trustVersion}/bundles`;
  const bundles = await out.attempt({ kind: 'Bundle', name: '*' }, () =>
    ctx.api.list<KubeObject>(path, { signal }),
  );
  const limit = ctx.options.concurrency ?? DEFAULT_CONCURRENCY;
  const skipped = await forEachLimited(
    bundles ?? [],
    limit,
    async (bundle) => {
      const key = (bundle.spec as { target?: { configMap?: { key?: unknown } } } | undefined)?.target
        ?.configMap?.key;
      if (typeof key !== 'string') return; // no ConfigMap target
      const name = bundle.metadata.name;
      const targets = await out.attempt({ kind: 'ConfigMap', name, key }, () =>
        ctx.api.list<KubeObject>('/api/v1/configmaps', {
          fieldSelector: `metadata.name=${name}`,
          pageSize: ctx.options.pageSize ?? 500,
          signal,
        }),
      );
      const spec = { role: 'trust-bundle', trustBundle: true };
      for (const cm of targets ?? []) addConfigMapKey(out, cm, key, spec, 'cert-manager');
    },
    signal,
  );
  out.notStarted(skipped, 'Bundle targets', { kind: 'Bundle', name: '*' });
}
