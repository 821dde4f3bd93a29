/**
 * Use case: decide which clusters to scan now (configured + discovered, deduplicated) and put one
 * message per cluster on the scan queue. A discovery or send failure is reported, never fatal to
 * the other clusters. May import: ports.
 */
import type { ClusterDirectory, ClusterTarget, ScanQueue, TargetFailure } from '../ports/scan-queue';

/** What dispatch needs. */
export interface DispatchDeps {
  readonly queue: ScanQueue;
  /** @default - no discovery */
  readonly directory?: ClusterDirectory;
  /**
   * The account the dispatcher runs in: configured clusters without an account are in it, and
   * their messages say so (a cluster's identity is account + region + name). @default - unknown
   */
  readonly homeAccount?: string;
}

/** What dispatch did. */
export interface DispatchResult {
  /** Every cluster this run meant to scan (enqueued or not). */
  readonly targets: readonly ClusterTarget[];
  readonly dispatched: readonly ClusterTarget[];
  /** Targets that could not be enqueued. */
  readonly sendFailures: readonly TargetFailure[];
  /** Accounts/regions that could not be searched. */
  readonly discoveryFailures: readonly TargetFailure[];
}

/** `account/region/name`: the identity of a cluster across configured and discovered lists. */
export function targetKey(target: ClusterTarget): string {
  return `${target.account ?? ''}/${target.region}/${target.name}`;
}

/** Enqueues one scan per cluster; configured entries win over discovered ones with the same key. */
export async function dispatch(
  deps: DispatchDeps,
  configured: readonly ClusterTarget[],
): Promise<DispatchResult> {
  const discovered = deps.directory ? await deps.directory.discover() : { clusters: [], failures: [] };
  const byKey = new Map<string, ClusterTarget>();
  for (const target of [...discovered.clusters, ...configured]) byKey.set(targetKey(target), target);
  // A configured cluster without account matches a discovered one by region/name only.
  for (const target of configured.filter((t) => !t.account)) {
    for (const other of discovered.clusters) {
      if (other.region === target.region && other.name === target.name) byKey.delete(targetKey(other));
    }
  }
  const home = deps.homeAccount;
  const targets = [...byKey.values()].map((t) => (t.account || !home ? t : { ...t, account: home }));
  const sendFailures = targets.length > 0 ? await deps.queue.enqueue(targets) : [];
  const failed = new Set(sendFailures.map((f) => f.target));
  return {
    targets,
    dispatched: targets.filter((t) => !failed.has(targetKey(t))),
    sendFailures,
    discoveryFailures: discovered.failures,
  };
}
