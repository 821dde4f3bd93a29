/**
 * Which mesh control planes run in a cluster, judged from what runs there (Deployments and
 * StatefulSets by name) and which CRD groups are served: "nothing found" is only silence when the
 * mesh is not installed. Pure: the names come from the one list in rbac/source-reads.
 */
import type { Mesh } from './model';
import { CONSUL, ISTIO, LINKERD, SPIRE } from './rbac/source-reads';

/** A mesh component found running: `Deployment istio-system/istiod`. */
export interface Installation {
  readonly mesh: Extract<Mesh, 'istio' | 'linkerd' | 'consul' | 'spire'>;
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly namespace: string;
  readonly name: string;
}

/** What detection found; `failure` when the workloads could not be listed (then absence proves nothing). */
export interface Installations {
  readonly found: readonly Installation[];
  readonly failure?: { readonly reason: string; readonly detail: string };
}

/** The mesh whose control plane a workload named `name` is, if any. */
export function meshOfWorkload(kind: Installation['kind'], name: string): Installation['mesh'] | undefined {
  if (kind === 'Deployment' && ISTIO.controlPlane.test(name)) return 'istio';
  if (kind === 'Deployment' && name === LINKERD.identityDeployment) return 'linkerd';
  if (kind === 'StatefulSet' && CONSUL.serverWorkload.test(name)) return 'consul';
  if (SPIRE.serverWorkload.test(name)) return 'spire';
  return undefined;
}

/** The installations of `mesh`. */
export function installationsOf(installations: Installations, mesh: Installation['mesh']): Installation[] {
  return installations.found.filter((i) => i.mesh === mesh);
}

/** `Deployment istio-system/istiod`, for messages. */
export function describeInstallation(i: Installation): string {
  return `${i.kind} ${i.namespace}/${i.name}`;
}
