/**
 * Scrapes the metrics of a bounded sample of meshed pods through the API server's pod proxy:
 * at most `podsPerNamespace` per namespace, spread over nodes and revisions, at most
 * `concurrency` in flight; reports how many were sampled of how many (a `workload-sample` signal).
 * Each body is streamed line by line and only the wanted sample kept: a pod serving 200 MB, one
 * 50 MB line or a body that never ends costs one line of memory and at most the request timeout.
 */
import type { Mesh, SourceLocation } from '../../../domain/model';
import { spreadSample, summarizeSample } from '../../../domain/workload-sample';
import { proxyPath } from '../api-paths';
import type { KubeObject, StreamedLines } from '../kube-api';
import { type ClusterContext, isRunning, type PromSample, promSample } from './cluster-context';
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
  /** The sample wanted: its name, the labels it must carry, and how to say it is absent (`X in the agent metrics`). */
  readonly sample: {
    readonly nameMatches: (name: string) => boolean;
    readonly labels?: Readonly<Record<string, string>>;
    readonly described: string;
  };
  readonly read: (sample: PromSample, pod: KubeObject) => void;
}

/** `no X in the metrics`, saying how much of a cut body was read. */
function missing(plan: ScrapePlan, body: StreamedLines): string {
  const skipped = body.overlongLines > 0 ? `, ${body.overlongLines} over-long line(s) skipped` : '';
  const cut = body.truncated ? ' (only its start was read: the body is too large)' : '';
  return `no ${plan.sample.described}${cut}${skipped}`;
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
      const where = locationOf(pod, 'Pod', plan.metric);
      const parse = (line: string) => promSample(line, plan.sample.nameMatches, plan.sample.labels);
      const filter = { keep: (line: string) => parse(line) !== undefined, maxKept: 1 };
      const body = await out.attempt(where, () => ctx.api.proxyLines(path, filter, { signal }));
      if (body === undefined) return;
      const sample = body.lines[0] === undefined ? undefined : parse(body.lines[0]);
      if (sample) plan.read(sample, pod);
      else out.failWith('bad_data', missing(plan, body), where);
    },
    signal,
  );
  out.notStarted(skipped, 'pod scrapes', where);
  return running;
}
