/**
 * Which clusters are linked, from their trust summaries: Istio clusters of one mesh id, Istio
 * remote secrets, Linkerd Links, Consul peerings, plus the configured `meshGroups`. Clusters that
 * nothing links are never compared (a shared default trust domain such as `cluster.local` links
 * nothing). Pure.
 */
import type { LinkedMesh } from '../signals';
import { LINKED_MESHES, type MeshTrust, type TrustLink, type TrustSummary } from './trust-summary';

/** A configured group of clusters that must share trust (what discovery cannot see). */
export interface MeshGroup {
  readonly name: string;
  /** @default - every linked mesh both clusters run */
  readonly mesh?: LinkedMesh;
  /** Cluster ids or names. */
  readonly clusters: readonly string[];
}

/**
 * How a pair is judged: `shared-anchor` (Istio multi-primary/primary-remote, Linkerd
 * multicluster, Consul WAN federation: both must trust a common root) or `peer-roots` (Consul
 * peering: `holder` keeps a copy of the other cluster's roots).
 */
export type LinkJudgement = 'shared-anchor' | 'peer-roots';

/** Two clusters (ids) that must trust each other in one mesh, and why certwatch thinks so. */
export interface ClusterLink {
  readonly a: string;
  readonly b: string;
  readonly mesh: LinkedMesh;
  readonly judgement: LinkJudgement;
  /** People's reasons: `mesh id mesh1`, `remote secret istio-system/istio-remote-secret-west`. */
  readonly why: readonly string[];
  /** peer-roots: the peering `a` holds for `b`. */
  readonly peering?: TrustLink;
}

/** A declared link whose target is none of the known clusters. */
export interface UnresolvedLink {
  readonly cluster: string;
  readonly mesh: LinkedMesh;
  readonly link: TrustLink;
}

/** The summary's section for `mesh`, if it runs there. */
export function meshOf(summary: TrustSummary, mesh: LinkedMesh): MeshTrust | undefined {
  return summary.meshes.find((m) => m.mesh === mesh);
}

/** Finds the cluster a link (or a configured name) points at; undefined when none or ambiguous. */
function resolver(summaries: readonly TrustSummary[]) {
  return (
    from: string | undefined,
    mesh: LinkedMesh | undefined,
    target: string,
    trustDomain?: string,
  ): TrustSummary | undefined => {
    const others = summaries.filter((s) => s.cluster !== from);
    const byId = others.find((s) => s.cluster === target);
    if (byId) return byId;
    const meshes = (s: TrustSummary) => (mesh ? [meshOf(s, mesh)] : s.meshes);
    if (trustDomain) {
      const domain = others.filter((s) => meshes(s).some((m) => m?.trustDomain === trustDomain));
      if (domain.length === 1) return domain[0];
    }
    const named = others.filter((s) => s.name === target || meshes(s).some((m) => m?.clusterName === target));
    return named.length === 1 ? named[0] : undefined;
  };
}

const JUDGEMENT: Readonly<Record<TrustLink['via'], LinkJudgement>> = {
  'istio-remote-secret': 'shared-anchor',
  'linkerd-link': 'shared-anchor',
  'consul-peering': 'peer-roots',
};

const DESCRIBE: Readonly<Record<TrustLink['via'], string>> = {
  'istio-remote-secret': 'remote secret',
  'linkerd-link': 'Link',
  'consul-peering': 'peering',
};

/** Every link between known clusters (one per pair, mesh and judgement) and the links to unknown ones. */
export function linkedClusters(
  summaries: readonly TrustSummary[],
  groups: readonly MeshGroup[] = [],
): { links: ClusterLink[]; unresolved: UnresolvedLink[] } {
  const resolve = resolver(summaries);
  const found = new Map<string, { link: ClusterLink; why: Set<string> }>();
  const add = (
    x: string,
    y: string,
    mesh: LinkedMesh,
    judgement: LinkJudgement,
    why: string,
    peering?: TrustLink,
  ) => {
    if (x === y) return;
    // A peering is directed (who holds whose roots); a shared anchor is not.
    const [a, b] = judgement === 'peer-roots' || x < y ? [x, y] : [y, x];
    const key = [a, b, mesh, judgement].join('\u0000');
    const entry = found.get(key) ?? {
      link: { a, b, mesh, judgement, why: [], ...(peering ? { peering } : {}) },
      why: new Set<string>(),
    };
    found.set(key, entry);
    entry.why.add(why);
  };
  const unresolved: UnresolvedLink[] = [];
  for (const summary of summaries) {
    for (const trust of summary.meshes) {
      for (const link of trust.links) {
        const target = resolve(summary.cluster, trust.mesh, link.target, link.targetTrustDomain);
        if (!target) {
          unresolved.push({ cluster: summary.cluster, mesh: trust.mesh, link });
          continue;
        }
        const why = `${DESCRIBE[link.via]} ${link.object} in ${summary.name}`;
        add(summary.cluster, target.cluster, trust.mesh, JUDGEMENT[link.via], why, link);
      }
    }
  }
  // Istio: one mesh id is one mesh, whatever the remote secrets say.
  const byMeshId = new Map<string, TrustSummary[]>();
  for (const s of summaries) {
    const meshId = meshOf(s, 'istio')?.meshId;
    if (meshId) byMeshId.set(meshId, [...(byMeshId.get(meshId) ?? []), s]);
  }
  for (const [meshId, members] of byMeshId) {
    forPairs(members, (x, y) => add(x.cluster, y.cluster, 'istio', 'shared-anchor', `mesh id ${meshId}`));
  }
  for (const group of groups) {
    const members = group.clusters
      .map((ref) => resolve(undefined, group.mesh, ref))
      .filter((s): s is TrustSummary => s !== undefined);
    forPairs(members, (x, y) => {
      for (const mesh of group.mesh ? [group.mesh] : LINKED_MESHES) {
        if (meshOf(x, mesh) && meshOf(y, mesh))
          add(x.cluster, y.cluster, mesh, 'shared-anchor', `mesh group ${group.name}`);
      }
    });
  }
  const links = [...found.values()].map(({ link, why }) => ({ ...link, why: [...why].sort() }));
  return { links, unresolved };
}

function forPairs<T>(items: readonly T[], each: (x: T, y: T) => void): void {
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) each(items[i]!, items[j]!);
}
