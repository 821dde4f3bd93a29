/**
 * What every cluster source shares: the KubeApi, the clock, the sampling limits, and one
 * discovery call per cluster (memoised), so absent meshes and CRDs are skipped, not failed.
 */
import type { Installations } from '../../../domain/installations';
import type { Clock } from '../../../ports/clock';
import type { KubeApi, KubeObject } from '../kube-api';
import { detectInstallations } from './installations';

/** Tunables of the cluster sources. */
export interface SourceOptions {
  /** Meshed pods whose proxy metrics are scraped per namespace. @default 3 */
  readonly podsPerNamespace?: number;
  /** Requests in flight per fan-out (proxy scrapes, Secret reads, Bundle targets). @default 8 */
  readonly concurrency?: number;
  /** Objects per LIST page. @default 500 */
  readonly pageSize?: number;
  /** Reads every `kubernetes.io/tls` Secret (cluster-wide list). @default false */
  readonly allTlsSecrets?: boolean;
  /** Where ClusterIssuer CA Secrets live (cert-manager's `--cluster-resource-namespace`). @default cert-manager */
  readonly clusterResourceNamespace?: string;
  /** Where SPIRE's bundle ConfigMap is (no namespace: any). @default spire-bundle, key bundle.crt, any namespace */
  readonly spire?: { namespace?: string; name?: string; key?: string };
  /** Scrape a sample of meshed pods' proxies for workload certificate expiry. @default true */
  readonly workloadSampling?: boolean;
  /** Consul server service (namespace/name/port) or a direct base URL. */
  readonly consul?: { namespace?: string; service?: string; port?: number; address?: string };
}

/** The shared context every source of one cluster is built with. */
export interface ClusterContext {
  readonly api: KubeApi;
  readonly clock: Clock;
  readonly options: SourceOptions;
  /** Served group/versions; rejects when discovery fails (the cluster is then unreachable). */
  groupVersions(signal: AbortSignal): Promise<Set<string>>;
  /** The mesh control planes that run (one detection per cluster); never rejects. */
  installations(signal: AbortSignal): Promise<Installations>;
}

/** Builds a context whose discovery runs once, however many sources ask. */
export function clusterContext(api: KubeApi, clock: Clock, options: SourceOptions = {}): ClusterContext {
  let discovery: Promise<Set<string>> | undefined;
  let installations: Promise<Installations> | undefined;
  return {
    api,
    clock,
    options,
    groupVersions(signal) {
      discovery ??= api.groupVersions({ signal });
      return discovery;
    },
    installations(signal) {
      installations ??= detectInstallations(api, options.pageSize ?? 500, signal);
      return installations;
    },
  };
}

/** True when any version of any of `groups` is served. */
export function servesAnyGroup(served: Set<string>, groups: readonly string[]): boolean {
  for (const gv of served) if (groups.includes(gv.split('/')[0] ?? '')) return true;
  return false;
}

/** A pod that is running (proxy scrapes of pending pods fail for no useful reason). */
export function isRunning(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === undefined || phase === 'Running';
}

/** One Prometheus text-format sample. */
export interface PromSample {
  readonly name: string;
  readonly value: number;
}

/** The sample on one text-format `line`, when its name passes `nameMatches` and its labels include `labels`. */
export function promSample(
  line: string,
  nameMatches: (name: string) => boolean,
  labels: Readonly<Record<string, string>> = {},
): PromSample | undefined {
  if (line.startsWith('#')) return undefined;
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line.trim());
  const name = m?.[1];
  if (!m || name === undefined || !nameMatches(name)) return undefined;
  const labelText = m[2] ?? '';
  if (!Object.entries(labels).every(([k, v]) => labelText.includes(`${k}="${v}"`))) return undefined;
  const value = Number(m[3]);
  return Number.isFinite(value) ? { name, value } : undefined;
}
