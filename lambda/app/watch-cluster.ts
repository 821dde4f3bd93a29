/**
 * Use case of `certwatch serve`: scan one cluster again and again, record each scan in history
 * (alerts included) when a recorder is given, and keep the Prometheus exposition of the last
 * good scan. A scan that cannot reach the cluster never stops the loop: the last good
 * certificates stay exposed, with `certwatch_scan_success 0` and the last success time saying
 * how old they are. May import: domain, ports, its own files.
 */
import type { Finding } from '../domain/model';
import {
  type BuildInfo,
  buildJsonReport,
  type ClusterHealth,
  clusterHealth,
  type JsonReport,
  renderPrometheus,
} from '../domain/report';
import type { Clock } from '../ports/clock';
import { type ClusterJob, type ClusterScan, reportInputOf, scanClusters } from './scan-cluster';

/** What a watch needs. */
export interface WatchClusterDeps {
  /**
   * The cluster to scan this round, connected afresh (a new client discovers API groups installed
   * since the last round). May reject: the round then counts as a failed scan.
   */
  readonly connect: () => Promise<ClusterJob>;
  /** Name the cluster has in metrics when `connect` fails before naming it. */
  readonly cluster: string;
  /** Records a scan in history and returns the findings only history can tell. @default - no history */
  readonly record?: (scan: ClusterScan) => Promise<Finding[]>;
  readonly clock: Clock;
  readonly build: BuildInfo;
  /** One line per round and per problem (stderr). */
  readonly log: (line: string) => void;
  /** Shutdown: a scan cut short by it is neither recorded nor published. */
  readonly stop?: AbortSignal;
}

/** Scans a cluster round after round and serves what the rounds found. */
export class WatchCluster {
  private lastGood: JsonReport | undefined;
  private lastSuccess: Date | undefined;
  private exposition: string | undefined;
  private rounds = 0;

  constructor(private readonly deps: WatchClusterDeps) {}

  /** The exposition to serve; undefined until the first round completed. */
  metrics(): string | undefined {
    return this.exposition;
  }

  /** Ready once a first round completed, whatever its outcome (the metrics then say it). */
  ready(): boolean {
    return this.exposition !== undefined;
  }

  /** Rounds completed so far. */
  completedRounds(): number {
    return this.rounds;
  }

  /** One round: scan, record, refresh the exposition. Never rejects. */
  async runOnce(): Promise<void> {
    const started = performance.now();
    const now = this.deps.clock.now();
    let scan: ClusterScan;
    try {
      [scan] = (await scanClusters([await this.deps.connect()])) as [ClusterScan];
    } catch (error) {
      this.failedRound(now, performance.now() - started, (error as Error).message);
      return;
    }
    if (this.deps.stop?.aborted) return;
    const history = await this.record(scan);
    const report = buildJsonReport(now, [reportInputOf(scan, history)]);
    const health = clusterHealth(scan, now, this.lastSuccess);
    if (health.succeeded) {
      this.lastGood = report;
      this.lastSuccess = now;
    }
    this.publish(this.lastGood ?? report, health);
    const [cluster] = report.clusters;
    this.deps.log(
      `certwatch serve: ${scan.cluster}: ${scan.status}, ${cluster?.certificates.length ?? 0} certificate(s), ` +
        `${cluster?.findings.length ?? 0} finding(s) (${(scan.durationMs / 1000).toFixed(1)} s)` +
        (health.succeeded ? '' : '; serving the last good scan'),
    );
  }

  /**
   * Runs rounds every `intervalMs` (from the start of one to the start of the next; an overrun
   * starts the next at once) until `signal` aborts; resolves after the round in flight ends.
   */
  async run(intervalMs: number, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const started = performance.now();
      await this.runOnce();
      await sleep(Math.max(0, intervalMs - (performance.now() - started)), signal);
    }
  }

  private async record(scan: ClusterScan): Promise<Finding[]> {
    if (!this.deps.record) return [];
    try {
      return await this.deps.record(scan);
    } catch (error) {
      // History down (DynamoDB throttled, disk full): metrics still refresh; the next round records again.
      this.deps.log(`certwatch serve: ${scan.cluster}: history not recorded: ${(error as Error).message}`);
      return [];
    }
  }

  /** A round that could not even start a scan (no credentials, bad CA): counted as unreachable. */
  private failedRound(now: Date, durationMs: number, detail: string): void {
    const health = clusterHealth(
      {
        cluster: this.deps.cluster,
        status: 'unreachable',
        failures: [{ source: 'cluster', reason: 'unreachable', detail }],
        durationMs,
        sources: [],
      },
      now,
      this.lastSuccess,
    );
    this.publish(this.lastGood ?? buildJsonReport(now, []), health);
    this.deps.log(`certwatch serve: ${this.deps.cluster}: scan could not start: ${detail}`);
  }

  private publish(report: JsonReport, health: ClusterHealth): void {
    this.exposition = renderPrometheus(report, { health: [health], build: this.deps.build });
    this.rounds += 1;
  }
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
