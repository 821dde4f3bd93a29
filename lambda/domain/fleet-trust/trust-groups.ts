/**
 * The digest's view of fleet trust: linked clusters grouped per mesh (connected by any link),
 * which roots each member trusts, and the rotations in flight across them (a root some members
 * hold and others do not yet, or a member holding several valid roots). Pure.
 */
import type { LinkedMesh } from '../signals';
import { linkedClusters, type MeshGroup, meshOf, type UnresolvedLink } from './linked-clusters';
import { type TrustAnchor, type TrustSummary, validAnchors } from './trust-summary';

/** One member of a trust group and the roots it trusts now. */
export interface TrustGroupMember {
  readonly cluster: string;
  readonly name: string;
  readonly anchors: readonly TrustAnchor[];
}

/** A root that only some members of a group hold. */
export interface RotationInFlight {
  readonly anchor: TrustAnchor;
  readonly holders: readonly string[];
  readonly missing: readonly string[];
}

/** Clusters of one mesh linked together, directly or through each other. */
export interface TrustGroup {
  readonly mesh: LinkedMesh;
  /** Why they are linked (mesh ids, remote secrets, Links, peerings, mesh groups). */
  readonly why: readonly string[];
  readonly members: readonly TrustGroupMember[];
  /** Shared-anchor groups only: roots not yet held by every member. */
  readonly rotations: readonly RotationInFlight[];
}

/** Every trust group of the fleet, and the links whose target is no known cluster. */
export function trustGroups(
  summaries: readonly TrustSummary[],
  options: { readonly now: Date; readonly groups?: readonly MeshGroup[] },
): { groups: TrustGroup[]; unresolved: UnresolvedLink[] } {
  const { links, unresolved } = linkedClusters(summaries, options.groups);
  const byId = new Map(summaries.map((s) => [s.cluster, s]));
  const groups: TrustGroup[] = [];
  for (const mesh of ['istio', 'linkerd', 'consul'] as const) {
    const meshLinks = links.filter((l) => l.mesh === mesh);
    for (const component of components(meshLinks.map((l) => [l.a, l.b] as const))) {
      const members = [...component]
        .map((id) => byId.get(id))
        .filter((s): s is TrustSummary => s !== undefined)
        .map((s) => ({
          cluster: s.cluster,
          name: s.name,
          anchors: validAnchors(meshOf(s, mesh) ?? { mesh, anchors: [], links: [] }, options.now),
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const inGroup = meshLinks.filter((l) => component.has(l.a));
      const why = [...new Set(inGroup.flatMap((l) => l.why))].sort();
      const sharing = inGroup.some((l) => l.judgement === 'shared-anchor');
      groups.push({ mesh, why, members, rotations: sharing ? rotations(members) : [] });
    }
  }
  return { groups, unresolved };
}

function rotations(members: readonly TrustGroupMember[]): RotationInFlight[] {
  const anchors = new Map<string, TrustAnchor>();
  for (const m of members) for (const a of m.anchors) anchors.set(a.fingerprint, a);
  const out: RotationInFlight[] = [];
  for (const anchor of anchors.values()) {
    const holders = members.filter((m) => m.anchors.some((a) => a.fingerprint === anchor.fingerprint));
    if (holders.length === members.length) continue;
    const missing = members.filter((m) => !holders.includes(m));
    out.push({ anchor, holders: holders.map((m) => m.name), missing: missing.map((m) => m.name) });
  }
  return out.sort((a, b) => b.anchor.notBefore.localeCompare(a.anchor.notBefore));
}

/** Connected components of an undirected graph given by its edges. */
function components(edges: readonly (readonly [string, string])[]): Set<string>[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    if (!parent.has(root)) return root;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  for (const [a, b] of edges) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  }
  const out = new Map<string, Set<string>>();
  for (const node of parent.keys()) {
    const root = find(node);
    out.set(root, (out.get(root) ?? new Set()).add(node));
  }
  return [...out.values()];
}
