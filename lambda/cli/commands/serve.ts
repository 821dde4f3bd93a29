/**
 * `certwatch serve`: the in-cluster mode. Scans the pod's own cluster with its service account on
 * an interval, records history and sends alerts like `scan --store/--notify`, and serves
 * `/metrics`, `/healthz` and `/readyz` until SIGTERM. Dependencies come from the composition root.
 */
import { recordScans } from '../../app/record-scan';
import type { ClusterScan } from '../../app/scan-cluster';
import { WatchCluster } from '../../app/watch-cluster';
import { buildInfo } from '../../config/build-info';
import { SERVICE_ACCOUNT_DIR } from '../../config/compose';
import { SettingsError } from '../../config/settings';
import { kubeClusterIdentity } from '../../domain/cluster-identity';
import type { Finding } from '../../domain/model';
import { parseFlags } from '../args';
import { type CliIo, type Command, UsageError } from '../command';
import { parseListen } from '../listen-address';
import { SCAN_FLAGS, SCAN_HELP, scanSettingsFrom, secondsFlag } from '../scan-flags';
import {
  CONFIG_FLAG,
  CONFIG_HELP,
  composeFromFlags,
  NOTIFY_FLAGS,
  notifyHelp,
  STORE_FLAGS,
  storeHelp,
} from '../settings-flags';
import { stopSignal } from '../stop-signal';
import { optionsBlock } from '../usage';

const DEFAULT_LISTEN = '0.0.0.0:9797';

const usage = `Usage: certwatch serve [options]

Runs inside the cluster (see deploy/kubernetes): scans it every --interval with the pod's service
account (KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT and the token and CA files Kubernetes
mounts), and serves on --listen:
  /metrics  the same metrics as 'scan --format prometheus', plus the scan's health; when the API
            server cannot be reached the last good scan stays, with certwatch_scan_success 0
  /healthz  200 while the process runs
  /readyz   200 once the first scan has completed
With --store/--notify each scan is recorded and alerts are sent as 'scan' does. Stops on SIGTERM.

${optionsBlock([
  ['--listen HOST:PORT', `address to serve on; :PORT for every interface (default: ${DEFAULT_LISTEN})`],
  ['--interval SECONDS', 'time from the start of one scan to the next, at least 1 (default: 300)'],
  ['--cluster-name NAME', 'name of the cluster in metrics, reports and alerts (default: in-cluster)'],
  [
    '--cluster-id ID',
    "the cluster's id in history (default: name @ API server URL; give one per cluster when they share a table)",
  ],
  [
    '--service-account-dir DIR',
    `where the token, ca.crt and namespace files are (default: ${SERVICE_ACCOUNT_DIR})`,
  ],
  CONFIG_HELP,
  ...SCAN_HELP,
  ...storeHelp('record history; local = embedded store in --state-dir (default: none; local with --notify)'),
  ...notifyHelp('send alerts (opened, escalated, resolved: each once)', 'SNS topic for alerts'),
])}

Exit codes: 0 stopped by SIGTERM or SIGINT, 2 usage or configuration error (not in a pod, --config,
--store, --notify, --listen address in use).
`;

const options = {
  listen: { type: 'string' },
  interval: { type: 'string' },
  'cluster-name': { type: 'string' },
  'cluster-id': { type: 'string' },
  'service-account-dir': { type: 'string' },
  ...SCAN_FLAGS,
  ...CONFIG_FLAG,
  ...STORE_FLAGS,
  ...NOTIFY_FLAGS,
} as const;

/** The `serve` command. */
export const serveCommand: Command = {
  name: 'serve',
  usage,
  flags: options,
  run: runServe,
};

const NAME = /^[a-zA-Z0-9]([-a-zA-Z0-9._]*[a-zA-Z0-9])?$/;

async function runServe(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, options, usage);
  const listen = parseListen(values.listen ?? DEFAULT_LISTEN, usage);
  const intervalMs = secondsFlag('interval', values.interval, 300);
  if (intervalMs < 1000) throw new UsageError(`invalid --interval '${values.interval}': at least 1 second`);
  const cluster = values['cluster-name'] ?? 'in-cluster';
  if (!NAME.test(cluster) || cluster.length > 253)
    throw new UsageError(`invalid --cluster-name '${cluster}': letters, digits, '-', '.', '_'`, usage);
  const clusterId = values['cluster-id'];
  if (clusterId !== undefined && (clusterId.trim() === '' || clusterId.includes('|')))
    throw new UsageError(`invalid --cluster-id '${clusterId}': expected a non-empty id without '|'`, usage);
  const recording = values.store !== undefined || values.notify !== undefined;
  const root = composeFromFlags(values, io, usage, {
    store: recording ? (values.store ?? 'local') : undefined,
    ...scanSettingsFrom(values),
  });
  const address = await root
    .inClusterAddress({
      env: io.env,
      cluster,
      ...(values['service-account-dir'] ? { serviceAccountDir: values['service-account-dir'] } : {}),
    })
    .catch((error: unknown) => {
      throw error instanceof SettingsError ? new UsageError(error.message, usage, { cause: error }) : error;
    });
  const identity = kubeClusterIdentity({ name: cluster, server: address.endpoint, clusterId });
  const stop = stopSignal(io);
  const log = (line: string) => io.stderr.write(`${line}\n`);
  const opened = recording ? await root.openHistory() : undefined;
  try {
    const recordDeps = opened ? await root.recordScanDeps(opened.store) : undefined;
    const record = async (scan: ClusterScan): Promise<Finding[]> => {
      const [recorded] = await recordScans(recordDeps!, [scan]);
      for (const a of recorded?.undelivered ?? []) {
        log(
          `certwatch serve: ${cluster}: ${a.channel}: alert not delivered (${a.error}); retried next round`,
        );
      }
      return [...(recorded?.historyFindings ?? [])];
    };
    const watch = new WatchCluster({
      // A new client each round: its discovery then sees API groups installed since the last one.
      connect: async () => {
        const { sources } = root.connectCluster(address);
        return {
          deps: { sources, clock: root.clock, upstreams: root.upstreams() },
          input: {
            cluster,
            identity,
            policy: root.policy,
            timeoutMs: root.settings.scan.timeoutMs,
            signal: stop,
          },
        };
      },
      cluster,
      ...(recordDeps ? { record } : {}),
      clock: root.clock,
      build: buildInfo(),
      log,
      stop,
    });
    const server = await root.serveProbes(watch, listen.host, listen.port).catch((error: unknown) => {
      throw new UsageError(
        `cannot listen on ${values.listen ?? DEFAULT_LISTEN}: ${(error as Error).message}`,
      );
    });
    log(
      `certwatch serve: listening on ${server.url} (/metrics, /healthz, /readyz); scanning ${cluster} ` +
        `at ${address.endpoint} every ${intervalMs / 1000} s`,
    );
    try {
      await watch.run(intervalMs, stop);
    } finally {
      await server.close();
    }
    log('certwatch serve: stopped');
    return 0;
  } finally {
    await opened?.close();
  }
}
