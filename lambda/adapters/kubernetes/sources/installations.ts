/**
 * Detects which mesh control planes run: one paginated list of Deployments and one of
 * StatefulSets, matched by name (domain/installations). A failed list is kept as the reason absence
 * proves nothing, so a source that finds nothing can say it could not tell.
 */
import { type Installation, type Installations, meshOfWorkload } from '../../../domain/installations';
import { WORKLOADS } from '../../../domain/rbac/source-reads';
import type { KubeApi, KubeObject } from '../kube-api';
import { errorDetail, failureReason } from './collector';

/** Lists Deployments and StatefulSets cluster-wide and keeps the mesh control planes. */
export async function detectInstallations(
  api: KubeApi,
  pageSize: number,
  signal: AbortSignal,
): Promise<Installations> {
  const kinds = [
    ['Deployment', WORKLOADS.deployments],
    ['StatefulSet', WORKLOADS.statefulSets],
  ] as const;
  const found: Installation[] = [];
  let failure: Installations['failure'];
  await Promise.all(
    kinds.map(async ([kind, path]) => {
      try {
        for (const workload of await api.list<KubeObject>(path, { pageSize, signal })) {
          const mesh = meshOfWorkload(kind, workload.metadata.name);
          const namespace = workload.metadata.namespace ?? 'default';
          if (mesh) found.push({ mesh, kind, namespace, name: workload.metadata.name });
        }
      } catch (error) {
        failure ??= { reason: failureReason(error), detail: errorDetail(error) };
      }
    }),
  );
  found.sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  return failure ? { found, failure } : { found };
}
