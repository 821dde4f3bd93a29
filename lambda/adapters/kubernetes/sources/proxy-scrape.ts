/**
 * Scrapes the metrics of a bounded sample of meshed pods through the API server's pod proxy:
 * at most `podsPerNamespace` per namespace, spread over nodes and revisions, at most
 * `concurrency` in flight; reports how many were sampled of how many (a `workload-sample` signal).
 */
import type { Mesh, SourceLocation } from '../../../domain/model';
import { spreadSample, summarizeSample } from '../../../domain/workload-sample';
import { proxyPath } from '../api-paths';
import type { KubeObject } from '../kube-api';
import { type ClusterContext, isRunning } from './cluster-context';
import type { Collector } from './collector';
import { DEFAULT_CONCURRENCY, forEachLimited } from './concurrency-limit';
import { locationOf } from './object-data';

/** Which pods, which port and path, and what to do with each body. */
export interface ScrapePlan {
  readonly mesh: Mesh;
  readonly labelSelector: string;
  /** Pod label naming the control-plane revision or proxy version that injected it. */
  readonly revisionLabel: string;
  readonly port: number;
  readonly path: string;
  /** Key of the failure location when a scrape fails (the metric name). */
  readonly metric: string;
  readonly read: (text: string, pod: KubeObject) => void;
}

/** Lists the meshed pods (cluster-wide), scrapes a sample; returns the running pods listed. */
export async function scrapeMeshedPods(
  ctx: ClusterContext,
  out: Collector,
  plan: ScrapePlan,
  signal: AbortSignal,
): Promise<KubeObject[]> {
  const where: SourceLocation = { kind: 'Pod', name: '*', key: plan.labelSelector };
  const pods = await out.attempt(where, () =>
    ctx.api.list<KubeObject>('/api/v1/pods', {
      labelSelector: plan.labelSelector,
      pageSize: ctx.options.pageSize ?? 500,
      signal,
    }),
  );
  const running = (pods ?? []).filter(isRunning);
  if (pods === undefined) return running;
  const perNamespace = ctx.options.workloadSampling === false ? 0 : (ctx.options.podsPerNamespace ?? 3);
  const namespaceOf = (pod: KubeObject) => pod.metadata.namespace ?? 'default';
  const sample = spreadSample(
    running,
    (pod) => ({
      namespace: namespaceOf(pod),
      node: (pod.spec as { nodeName?: string } | undefined)?.nodeName,
      revision: pod.metadata.labels?.[plan.revisionLabel],
    }),
    perNamespace,
  );
  out.signals.push({
    type: 'workload-sample',
    source: where,
    mesh: plan.mesh,
    ...summarizeSample(sample, running, namespaceOf, perNamespace),
  });
  const limit = ctx.options.concurrency ?? DEFAULT_CONCURRENCY;
  const skipped = await forEachLimited(
    sample,
    limit,
    async (pod) => {
      const path = proxyPath(
        'pods',
        pod.metadata.namespace ?? 'default',
        pod.metadata.name,
        plan.port,
        plan.path,
      );
      const text = await out.attempt(locationOf(pod, 'Pod', plan.metric), () =>
        ctx.api.proxyGet(path, { signal }),
      );
      if (text !== undefined) plan.read(text, pod);
    },
    signal,
  );
  out.notStarted(skipped, 'pod scrapes', where);
  return running;
}
