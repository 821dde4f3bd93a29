/**
 * Which meshed pods to scrape for workload certificate expiry: at most `perNamespace` in every
 * namespace, spread round-robin over (node, revision) groups so one node or one control-plane
 * revision cannot hide the rest, instead of the first pods listed. Deterministic. Pure.
 */

/** What the sampler needs to know of a pod. */
export interface PodPlacement {
  readonly namespace: string;
  readonly node?: string;
  /** Control-plane revision or proxy version the pod was injected by. */
  readonly revision?: string;
}

/** How many pods were sampled of how many, across how many namespaces. */
export interface SampleSummary {
  readonly sampled: number;
  readonly total: number;
  readonly namespaces: number;
  readonly perNamespace: number;
}

/** The sample, in namespace order, each namespace's picks spread over its node/revision groups. */
export function spreadSample<T>(
  pods: readonly T[],
  placement: (pod: T) => PodPlacement,
  perNamespace: number,
): T[] {
  const byNamespace = new Map<string, Map<string, T[]>>();
  for (const pod of pods) {
    const p = placement(pod);
    const groups = byNamespace.get(p.namespace) ?? new Map<string, T[]>();
    const key = `${p.node ?? ''}\u0000${p.revision ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), pod]);
    byNamespace.set(p.namespace, groups);
  }
  const sample: T[] = [];
  for (const ns of [...byNamespace.keys()].sort()) {
    const groups = [...byNamespace.get(ns)!.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, g]) => g);
    const picked: T[] = [];
    for (let round = 0; picked.length < perNamespace; round++) {
      const before = picked.length;
      for (const group of groups) {
        const pod = group[round];
        if (pod !== undefined && picked.length < perNamespace) picked.push(pod);
      }
      if (picked.length === before) break;
    }
    sample.push(...picked);
  }
  return sample;
}

/** The summary of a sample drawn from `total` pods. */
export function summarizeSample<T>(
  sample: readonly T[],
  total: readonly T[],
  namespaceOf: (pod: T) => string,
  perNamespace: number,
): SampleSummary {
  return {
    sampled: sample.length,
    total: total.length,
    namespaces: new Set(total.map(namespaceOf)).size,
    perNamespace,
  };
}
