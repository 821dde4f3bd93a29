/**
 * Use case: scan one cluster (or several) — run every source concurrently, assess what they
 * collected, add the cross-source findings, and say whether the cluster was fully read.
 * One failing source (even one that rejects or hangs) never stops the others.
 * May import: domain, ports, its own scan-* helpers.
 */
import { addFindings, assess } from '../domain/assess';
import { linkCertManager } from '../domain/cert-manager/link-certificates';
import { type ClusterIdentity, plainClusterIdentity } from '../domain/cluster-identity';
import { evaluateCrossSource } from '../domain/cross-source';
import {
  FLEET_TRUST_RULES,
  linkedTrust,
  type MeshGroup,
  type TrustSummary,
  trustSummaryOf,
} from '../domain/fleet-trust';
import { ruleSourcesReadCompletely } from '../domain/history/carry-over';
import type { Assessment, CertificateMaterial, Finding } from '../domain/model';
import { type PolicyOverrides, resolvePolicy } from '../domain/policy';
import type { ClusterInput, ClusterStatus } from '../domain/report';
import type { SourceSignal } from '../domain/signals';
import type { SourceRead } from '../domain/source-failure';
import type { CertificateSource, SourceFailure } from '../ports/certificate-source';
import type { Clock } from '../ports/clock';
import { runSource, type ScanProgress } from './scan-source';
import { scanUpstreams, type UpstreamDeps, type UpstreamRead } from './scan-upstreams';

export type { ScanProgress } from './scan-source';

/** A cluster's scan budget unless the caller gives one (the CLI's `--timeout` default). */
export const DEFAULT_SCAN_BUDGET_MS = 60_000;

/** What scanCluster needs. */
export interface ScanClusterDeps {
  readonly sources: readonly CertificateSource[];
  readonly clock: Clock;
  /** Called as each source starts and ends (CLI progress lines). */
  readonly progress?: (event: ScanProgress) => void;
  /** How long an out-of-budget source may take to return what it read. @default GRACE_MS (2 s) */
  readonly graceMs?: number;
  /** Upstream CAs (Vault PKI, AWS Private CA): configured ones and the reader for them and discovered ones. */
  readonly upstreams?: UpstreamDeps;
}

/** Which cluster, with which policy, within how long. */
export interface ScanClusterInput {
  /** Name in reports and messages. */
  readonly cluster: string;
  /** Who the cluster is in history (passed through to the result). @default - the name */
  readonly identity?: ClusterIdentity;
  readonly policy?: PolicyOverrides;
  /** Whole-scan budget; a source still running then returns what it read, marked incomplete. @default DEFAULT_SCAN_BUDGET_MS */
  readonly timeoutMs?: number;
  /** Ends the scan early (shutdown): sources return what they read, marked incomplete. */
  readonly signal?: AbortSignal;
}

/** One cluster's scan: the assessment (cross-source findings included) and how complete it is. */
export interface ClusterScan {
  readonly cluster: string;
  readonly identity?: ClusterIdentity;
  readonly status: ClusterStatus;
  readonly assessment: Assessment;
  readonly signals: readonly SourceSignal[];
  readonly failures: readonly SourceFailure[];
  /** Upstream CAs this cluster depends on (configured or named by its issuers) and how each read went. */
  readonly upstreams?: readonly UpstreamRead[];
  /** How completely each source was read, in source order. */
  readonly sources: readonly SourceRead[];
  /** Wall time of the scan (monotonic clock, whatever the scan's evaluation instant). */
  readonly durationMs: number;
}

export type { SourceRead } from '../domain/source-failure';

/** Scans one cluster. Never rejects: an unreachable cluster is a result with status `unreachable`. */
export async function scanCluster(deps: ScanClusterDeps, input: ScanClusterInput): Promise<ClusterScan> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), input.timeoutMs ?? DEFAULT_SCAN_BUDGET_MS);
  const abort = () => controller.abort();
  input.signal?.addEventListener('abort', abort, { once: true });
  let outcomes: Awaited<ReturnType<typeof runSource>>[];
  let upstreams: UpstreamRead[] = [];
  let unreachable = false;
  try {
    outcomes = await Promise.all(
      deps.sources.map((source) => runSource(source, input.cluster, controller.signal, deps)),
    );
    unreachable = deps.sources.length > 0 && outcomes.every((o) => o.rejected);
    // Issuers found in the cluster name more upstreams; an unreachable cluster is not judged at all.
    if (!unreachable) {
      const upstream = await scanUpstreams(
        deps.upstreams,
        outcomes.flatMap((o) => o.signals),
        {
          cluster: input.cluster,
          signal: controller.signal,
          ...(deps.progress ? { progress: deps.progress } : {}),
        },
      );
      upstreams = upstream.upstreams;
      outcomes.push(...upstream.outcomes);
    }
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', abort);
  }
  const rejected = outcomes.filter((o) => o.rejected);
  const failures: SourceFailure[] = unreachable
    ? [
        {
          source: 'cluster',
          reason: rejected[0]!.failures[0]?.reason ?? 'unreachable',
          detail: rejected[0]!.failures[0]?.detail ?? 'no source could connect',
        },
      ]
    : outcomes.flatMap((o) => o.failures);
  const materials = dedupe(outcomes.flatMap((o) => o.materials));
  const signals = outcomes.flatMap((o) => o.signals);
  const now = deps.clock.now();
  const base = await assess(materials, { now, ...(input.policy ? { policy: input.policy } : {}) });
  const policy = resolvePolicy(input.policy);
  const cross = evaluateCrossSource({ assessment: base, signals, failures, now, policy });
  const status: ClusterStatus = unreachable ? 'unreachable' : failures.length > 0 ? 'partial' : 'ok';
  const sources = deps.sources.map((s, i) => ({ name: s.name, status: outcomes[i]?.status ?? 'failed' }));
  const identity = input.identity ? { identity: input.identity } : {};
  const assessment = linkCertManager(addFindings(base, cross), signals, now);
  const durationMs = performance.now() - started;
  return {
    cluster: input.cluster,
    ...identity,
    status,
    assessment,
    signals,
    failures,
    sources,
    upstreams,
    durationMs,
  };
}

/** One cluster to scan in {@link scanClusters}. */
export interface ClusterJob {
  readonly deps: ScanClusterDeps;
  readonly input: ScanClusterInput;
}

/** What a multi-cluster scan knows beyond each cluster: configured mesh groups. */
export interface ScanClustersOptions {
  readonly meshGroups?: readonly MeshGroup[];
}

/** Who a scan is about: its identity, or one made of the cluster name. */
function identityOf(scan: ClusterScan): ClusterIdentity {
  return scan.identity ?? plainClusterIdentity(scan.cluster);
}

/** The trust summary of a scan (what the fleet trust rule compares); undefined when unreachable. */
export function scanTrustSummary(scan: ClusterScan, at: Date): TrustSummary | undefined {
  if (scan.status === 'unreachable') return undefined;
  const identity = identityOf(scan);
  return trustSummaryOf({ identity, assessment: scan.assessment, signals: scan.signals, at });
}

/**
 * The trust summary the deployed fleet check may store: only from a scan that read every mesh source
 * the fleet trust rules rest on completely; otherwise undefined, so the last stored summary stands
 * and no fleet alert moves on half a picture (as for an unreachable cluster).
 */
export function fleetTrustSummary(scan: ClusterScan, at: Date): TrustSummary | undefined {
  return fleetTrustSourcesComplete(scan) ? scanTrustSummary(scan, at) : undefined;
}

/** Whether the scan read every mesh source the fleet trust rules rest on completely. */
function fleetTrustSourcesComplete(scan: ClusterScan): boolean {
  return [...FLEET_TRUST_RULES].every((rule) => ruleSourcesReadCompletely(rule, scan.sources));
}

/**
 * Scans several clusters concurrently, then judges the trust between the linked ones (the same
 * fleet trust rule the deployed stack runs over stored summaries).
 */
export async function scanClusters(
  jobs: readonly ClusterJob[],
  options: ScanClustersOptions = {},
): Promise<ClusterScan[]> {
  const scans = await Promise.all(jobs.map((job) => scanCluster(job.deps, job.input)));
  const now = jobs[0]?.deps.clock.now() ?? new Date(0);
  const summaries = scans
    .map((scan) => scanTrustSummary(scan, now))
    .filter((s): s is TrustSummary => s !== undefined);
  // Unlike the deployed check, the CLI has no earlier complete summary to stand in for a partial one.
  const partial = new Set(
    scans
      .filter((scan) => scan.status !== 'unreachable' && !fleetTrustSourcesComplete(scan))
      .map((scan) => identityOf(scan).id),
  );
  const extra = linkedTrust(summaries, {
    now,
    partial,
    ...(options.meshGroups ? { groups: options.meshGroups } : {}),
  });
  return scans.map((scan) => {
    const findings = extra.get(identityOf(scan).id);
    return findings ? { ...scan, assessment: addFindings(scan.assessment, findings) } : scan;
  });
}

/** Drops materials read twice from the same place (two sources may read one Secret). */
function dedupe(materials: readonly CertificateMaterial[]): CertificateMaterial[] {
  // Per place, the data seen there: a shared PEM string is held once, not copied into each key.
  const seen = new Map<string, Set<string>>();
  return materials.filter((m) => {
    const s = m.source;
    const data = typeof m.data === 'string' ? m.data : Buffer.from(m.data).toString('base64');
    const place = [s.kind, s.namespace ?? '', s.name, s.key ?? ''].join('\u0000');
    const here = seen.get(place) ?? new Set<string>();
    if (here.has(data)) return false;
    seen.set(place, here.add(data));
    return true;
  });
}

/** The report section of one scan, plus the findings only history can tell (when recorded). */
export function reportInputOf(scan: ClusterScan, historyFindings: readonly Finding[] = []): ClusterInput {
  return {
    name: scan.cluster,
    status: scan.status,
    assessment: scan.assessment,
    extraFindings: historyFindings,
    ...(scan.upstreams ? { upstreams: scan.upstreams } : {}),
    sources: scan.sources,
  };
}
