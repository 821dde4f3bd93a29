/**
 * `trust_domain_root_mismatch` (across clusters): clusters of one mesh that share a trust domain
 * must share a root, or cross-cluster mTLS fails.
 */
import type { Assessment, Finding, Mesh } from '../model';
import type { SourceSignal } from '../signals';

/** One scanned cluster as this rule sees it. */
export interface ClusterTrust {
  readonly name: string;
  readonly assessment: Assessment;
  readonly signals: readonly SourceSignal[];
}

interface Domains {
  readonly byMesh: Map<Mesh, Set<string>>;
  readonly roots: Map<Mesh, Set<string>>;
}

function trustOf(cluster: ClusterTrust): Domains {
  const byMesh = new Map<Mesh, Set<string>>();
  const roots = new Map<Mesh, Set<string>>();
  const add = (map: Map<Mesh, Set<string>>, mesh: Mesh, value: string) =>
    map.set(mesh, (map.get(mesh) ?? new Set()).add(value));
  for (const cert of cluster.assessment.certificates) {
    if (!cert.mesh) continue;
    for (const id of cert.facts.spiffeIds)
      add(byMesh, cert.mesh, id.replace(/^spiffe:\/\//, '').split('/')[0] ?? '');
    if (cert.level === 'root') add(roots, cert.mesh, cert.facts.fingerprint);
  }
  for (const signal of cluster.signals)
    if (signal.type === 'consul-ca' && signal.trustDomain) add(byMesh, 'consul', signal.trustDomain);
  return { byMesh, roots };
}

/** Findings per cluster name (each pair reported on both clusters). */
export function trustDomainRoots(clusters: readonly ClusterTrust[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const trust = clusters.map((c) => ({ name: c.name, ...trustOf(c) }));
  for (let i = 0; i < trust.length; i++) {
    for (let j = i + 1; j < trust.length; j++) {
      const a = trust[i]!;
      const b = trust[j]!;
      for (const [mesh, domains] of a.byMesh) {
        const shared = [...domains].filter((d) => b.byMesh.get(mesh)?.has(d));
        const rootsA = a.roots.get(mesh) ?? new Set<string>();
        const rootsB = b.roots.get(mesh) ?? new Set<string>();
        if (shared.length === 0 || rootsA.size === 0 || rootsB.size === 0) continue;
        if ([...rootsA].some((r) => rootsB.has(r))) continue;
        const finding = (other: string): Finding => ({
          severity: 'warning',
          rule: 'trust_domain_root_mismatch',
          message: `${mesh} trust domain ${shared.join(', ')} is also used by cluster ${other}, but the two clusters share no root: cross-cluster mTLS between them fails`,
          remediation:
            "Give both clusters intermediates from one shared root (or add each root to the other's trust bundle) before connecting them.",
        });
        out.set(a.name, [...(out.get(a.name) ?? []), finding(b.name)]);
        out.set(b.name, [...(out.get(b.name) ?? []), finding(a.name)]);
      }
    }
  }
  return out;
}
