/**
 * The upstream step of a cluster scan: the upstream CAs configured for the run plus those the
 * cluster's issuers name (signals), merged, each read once per run, joined to the cluster's
 * material so chains continue to the real root.
 */
import type { SourceSignal, UpstreamIssuerSignal } from '../domain/signals';
import { mergeUpstreams, type UpstreamRead, type UpstreamRef, upstreamKey } from '../domain/upstream';

export type { UpstreamRead } from '../domain/upstream';

import type { CollectResult } from '../ports/certificate-source';
import type { UpstreamCaReader } from '../ports/upstream-ca-reader';
import { runSource, type ScanProgress, type SourceOutcome } from './scan-source';

/** What the upstream step needs. */
export interface UpstreamDeps {
  /** Share one (see {@link readOncePerRun}) across the clusters of a run. */
  readonly reader: UpstreamCaReader;
  /** Upstreams read for every cluster (CLI flags, stack config). */
  readonly configured: readonly UpstreamRef[];
}

/** Source name of an upstream's reads (progress lines, blind spots). */
export function upstreamSourceName(ref: UpstreamRef): string {
  return ref.kind === 'vault' ? 'vault-pki' : 'aws-pca';
}

/** Wraps `reader` so each upstream is read once however many clusters ask (one run). */
export function readOncePerRun(reader: UpstreamCaReader): UpstreamCaReader {
  const reads = new Map<string, Promise<CollectResult>>();
  return {
    read(ref, signal) {
      const key = upstreamKey(ref);
      let read = reads.get(key);
      if (!read) {
        read = reader.read(ref, signal);
        reads.set(key, read);
      }
      return read;
    },
  };
}

function describeIssuer(signal: UpstreamIssuerSignal): string {
  const ns = signal.source.namespace ? `${signal.source.namespace}/` : '';
  return `${signal.source.kind} ${ns}${signal.source.name}`;
}

/** Reads the cluster's upstreams; never rejects (a failed read is a blind spot). */
export async function scanUpstreams(
  deps: UpstreamDeps | undefined,
  signals: readonly SourceSignal[],
  context: { cluster: string; signal: AbortSignal; progress?: (event: ScanProgress) => void },
): Promise<{ upstreams: UpstreamRead[]; outcomes: SourceOutcome[] }> {
  const discovered = signals
    .filter((s): s is UpstreamIssuerSignal => s.type === 'upstream-issuer')
    .map((s) => ({ ref: s.upstream, from: describeIssuer(s) }));
  const uses = mergeUpstreams(deps?.configured ?? [], discovered);
  if (!deps || uses.length === 0) return { upstreams: [], outcomes: [] };
  const outcomes = await Promise.all(
    uses.map((use) =>
      runSource(
        { name: upstreamSourceName(use.ref), collect: (s) => deps.reader.read(use.ref, s) },
        context.cluster,
        context.signal,
        context,
      ),
    ),
  );
  const upstreams = uses.map((use, i): UpstreamRead => {
    const o = outcomes[i]!;
    const status = o.failures.length === 0 ? 'ok' : o.materials.length > 0 ? 'partial' : 'failed';
    return { ...use, status };
  });
  return { upstreams, outcomes };
}
