/**
 * The `meshGroups` setting: groups of clusters that must share trust although nothing in the
 * clusters says so (e.g. Consul WAN federation, an Istio mesh without a mesh id). The CLI takes
 * `--mesh-group NAME[:MESH]=CLUSTER,CLUSTER…` (context names or cluster ids). May import: domain
 * types.
 */
import type { MeshGroup } from '../domain/fleet-trust';
import type { LinkedMesh } from '../domain/signals';

const MESHES: readonly string[] = ['istio', 'linkerd', 'consul'] satisfies LinkedMesh[];

/** A `--mesh-group` value that does not parse. */
export class MeshGroupError extends Error {
  override readonly name = 'MeshGroupError';
}

/** Parses `NAME[:MESH]=CLUSTER,CLUSTER…`; throws MeshGroupError saying what was expected. */
export function parseMeshGroup(value: string): MeshGroup {
  const m = /^([^:=]+)(?::([a-z]+))?=(.+)$/.exec(value.trim());
  const clusters = (m?.[3] ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const name = m?.[1]?.trim();
  const mesh = m?.[2];
  if (!m || !name || clusters.length < 2 || (mesh !== undefined && !MESHES.includes(mesh))) {
    throw new MeshGroupError(
      `invalid --mesh-group '${value}': expected NAME[:istio|linkerd|consul]=CLUSTER,CLUSTER (two or more context names or cluster ids)`,
    );
  }
  return { name, ...(mesh ? { mesh: mesh as LinkedMesh } : {}), clusters };
}
