/**
 * linkerd-multicluster `Link` resources (multicluster.linkerd.io): each names a target cluster
 * this one mirrors services from, so the two must share a trust anchor. Read from the newest
 * served version; nothing when the group is not served (multicluster not installed).
 */
import { boundedText } from '../../../domain/bounded-text';
import { LINKERD } from '../../../domain/rbac/source-reads';
import type { KubeObject } from '../kube-api';
import type { ClusterContext } from './cluster-context';
import type { Collector } from './collector';
import { locationOf } from './object-data';

/** The newest served version of the multicluster group (`v1alpha3` over `v1alpha1`), if any. */
export function linkVersion(served: Set<string>): string | undefined {
  const versions = [...served]
    .filter((gv) => gv.startsWith(`${LINKERD.multiclusterGroup}/`))
    .map((gv) => gv.slice(LINKERD.multiclusterGroup.length + 1));
  return versions.sort(compareVersions).at(-1);
}

/** Kubernetes version order: v1alpha1 < v1alpha2 < v1beta1 < v1 < v2. */
function compareVersions(a: string, b: string): number {
  const rank = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    const stage = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
    return [Number(m[1]), stage, Number(m[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Adds one `mesh-link` signal per Link (cluster-wide list). */
export async function readLinkerdLinks(
  ctx: ClusterContext,
  out: Collector,
  signal: AbortSignal,
): Promise<void> {
  const version = linkVersion(await ctx.groupVersions(signal));
  if (!version) return;
  const path = `/apis/${LINKERD.multiclusterGroup}/${version}/${LINKERD.linkResource}`;
  const links = await out.attempt({ kind: 'Link', name: '*' }, () =>
    ctx.api.list<KubeObject>(path, { pageSize: ctx.options.pageSize ?? 500, signal }),
  );
  for (const link of links ?? []) {
    // targetClusterDomain is the DNS domain (cluster.local), not an identity: only the name resolves.
    const spec = (link.spec ?? {}) as { targetClusterName?: unknown };
    const raw = typeof spec.targetClusterName === 'string' ? spec.targetClusterName : link.metadata.name;
    const target = boundedText(raw.trim(), 253);
    if (!target) continue;
    out.signals.push({
      type: 'mesh-link',
      source: locationOf(link, 'Link'),
      mesh: 'linkerd',
      via: 'linkerd-link',
      target,
    });
  }
}
