/** `certwatch scan`: reads the mesh certificates of one or more kubeconfig contexts and reports them. */

import { resolve } from 'node:path';
import { recordScans } from '../../app/record-scan';
import { type ClusterJob, reportInputOf, type ScanProgress, scanClusters } from '../../app/scan-cluster';
import { buildInfo } from '../../config/build-info';
import type { Composition } from '../../config/compose';
import { MeshGroupError, parseMeshGroup } from '../../config/mesh-groups';
import { kubeClusterIdentity } from '../../domain/cluster-identity';
import { buildJsonReport, clusterHealth, exitCodeFor } from '../../domain/report';
import { parseChoice, parseFailOn, parseFlags, parseNow } from '../args';
import { type CliIo, type Command, UsageError } from '../command';
import { SCAN_FLAGS, SCAN_HELP, scanSettingsFrom } from '../scan-flags';
import {
  asUsageError,
  CONFIG_FLAG,
  CONFIG_HELP,
  composeFromFlags,
  NOTIFY_FLAGS,
  notifyHelp,
  STORE_FLAGS,
  storeHelp,
} from '../settings-flags';
import { optionsBlock } from '../usage';
import { renderReport, writeReport } from '../write-report';

const usage = `Usage: certwatch scan [options]

Reads the certificates of Istio, Linkerd, Consul, cert-manager and SPIRE in each cluster (roots,
intermediates, workloads), judges their expiry and rotation risk, and reports what it could not
read. Chains continue into the upstream CAs: the Vault PKI mounts and AWS Private CAs given below
and those the cluster's cert-manager Vault issuers and AWSPCAIssuers name. Clusters scanned
together that are linked (Istio mesh id or remote secrets, Linkerd Links, Consul peerings,
--mesh-group) must trust each other's roots; unlinked clusters are never compared.

${optionsBlock([
  ['--kubeconfig FILE', 'kubeconfig to use (default: $KUBECONFIG or ~/.kube/config)'],
  ['--context NAME', 'context to scan; repeat for more clusters (default: current)'],
  [
    '--cluster-id ID',
    "the cluster's id in history, one per --context in order (default: context name @ server URL)",
  ],
  ['--format table|json|prometheus', 'output format (default: table)'],
  [
    '--output FILE',
    'write the report to FILE instead of stdout, atomically (a temporary file in the same folder, then renamed: node_exporter never reads half a file)',
  ],
  ['--now ISO8601', 'evaluate as of this instant (default: now)'],
  ['--fail-on warning|critical', 'exit 1 when anything reaches this severity (default: critical)'],
  CONFIG_HELP,
  ...SCAN_HELP,
  [
    '--mesh-group NAME[:MESH]=C1,C2',
    'clusters that must share trust though nothing in them says so (contexts or ids); repeatable',
  ],
  ...storeHelp('record history; local = embedded store in --state-dir (default: none; local with --notify)'),
  ...notifyHelp('send alerts (opened, escalated, resolved: each once)', 'SNS topic for alerts'),
])}

Exit codes: 0 nothing at or above --fail-on, 1 something is (a source or cluster that could not be
read is a finding too), 2 usage or configuration error (kubeconfig, --config, --store, --notify).
`;

const options = {
  kubeconfig: { type: 'string' },
  context: { type: 'string', multiple: true },
  'cluster-id': { type: 'string', multiple: true },
  format: { type: 'string' },
  output: { type: 'string' },
  now: { type: 'string' },
  'fail-on': { type: 'string' },
  ...SCAN_FLAGS,
  'mesh-group': { type: 'string', multiple: true },
  ...CONFIG_FLAG,
  ...STORE_FLAGS,
  ...NOTIFY_FLAGS,
} as const;

/** The `scan` command. */
export const scanCommand: Command = {
  name: 'scan',
  usage,
  flags: options,
  run: runScan,
};

async function runScan(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, options, usage);
  const format = parseChoice('format', values.format, ['table', 'json', 'prometheus'] as const, 'table');
  const now = parseNow(values.now, () => new Date());
  const failOn = parseFailOn(values['fail-on']);
  const meshGroups = meshGroupsOf(values['mesh-group']);
  const contexts: (string | undefined)[] = values.context?.length
    ? [...new Set(values.context)]
    : [undefined];
  // Without --store and --notify nothing is recorded: scan stays stateless.
  const recording = values.store !== undefined || values.notify !== undefined;
  // Validated before scanning so a bad --config/--store/--notify/--vault-pki fails at once (exit 2).
  const root = composeFromFlags(values, io, usage, {
    now,
    store: recording ? (values.store ?? 'local') : undefined,
    ...scanSettingsFrom(values),
  });
  const ids = clusterIds(values['cluster-id'], contexts.length);
  const upstreams = root.upstreams();
  const jobs: ClusterJob[] = contexts.map((context, i) => {
    const address = { kind: 'kubeconfig', kubeconfigPath: values.kubeconfig, context } as const;
    const { cluster, server, sources } = asUsageError(undefined, () => root.connectCluster(address));
    io.stderr.write(`certwatch: scanning ${cluster} (${sources.map((s) => s.name).join(', ')})\n`);
    const identity = kubeClusterIdentity({ name: cluster, server, clusterId: ids[i] });
    return {
      deps: { sources, clock: root.clock, progress: progressLine(io), upstreams },
      input: { cluster, identity, policy: root.policy, timeoutMs: root.settings.scan.timeoutMs },
    };
  });
  // Opened before scanning so a store that cannot open fails at once, not after the scan.
  const opened = recording ? await root.openHistory() : undefined;
  try {
    const scans = await scanClusters(jobs, { meshGroups });
    // History rules (rotation_overdue, rotation_stalled, scan_missed…) join the report when recording.
    const recorded = opened ? await recordScans(await root.recordScanDeps(opened.store), scans) : [];
    for (const [i, r] of recorded.entries()) {
      for (const a of r.undelivered) {
        io.stderr.write(
          `certwatch: ${scans[i]?.cluster}: ${a.channel}: alert not delivered (${a.error}); retried next run\n`,
        );
      }
    }
    const report = buildJsonReport(
      now,
      scans.map((s, i) => reportInputOf(s, recorded[i]?.historyFindings)),
    );
    const extras = { health: scans.map((scan) => clusterHealth(scan, now)), build: buildInfo() };
    if (values.output === undefined) writeReport(report, format, io, extras);
    else
      await writeOutput(
        root,
        resolve(io.cwd, values.output),
        renderReport(report, format, {}, io.env, extras),
      );
    return exitCodeFor(report, failOn);
  } finally {
    await opened?.close();
  }
}

/** `--output FILE`: a file that cannot be written is a configuration error (exit 2), named. */
async function writeOutput(root: Composition, path: string, text: string): Promise<void> {
  try {
    await root.writeFileAtomically(path, text);
  } catch (error) {
    throw new UsageError(`cannot write --output ${path}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
}

/** `--cluster-id` values, one per context when given at all. */
function clusterIds(ids: readonly string[] | undefined, contexts: number): readonly (string | undefined)[] {
  if (!ids?.length) return [];
  if (ids.length !== contexts || ids.some((id) => id.trim() === '' || id.includes('|'))) {
    throw new UsageError(
      `invalid --cluster-id: expected one non-empty id without '|' per --context (${contexts}), received ${ids.length}`,
    );
  }
  return ids;
}

function progressLine(io: CliIo): (event: ScanProgress) => void {
  return (event) => {
    if (event.phase === 'start') return;
    const what =
      event.phase === 'failed'
        ? `could not be read (${event.detail ?? 'unknown error'})`
        : event.materials || event.failures
          ? `${event.materials ?? 0} item(s) read${event.failures ? `, ${event.failures} unreadable` : ''}`
          : 'nothing found';
    const incomplete = event.phase === 'done' && event.status !== 'complete' ? ` (${event.status})` : '';
    io.stderr.write(`certwatch: ${event.cluster}: ${event.source}: ${what}${incomplete}\n`);
  };
}

/** `--mesh-group` values; a bad one is a usage error. */
function meshGroupsOf(values: readonly string[] | undefined) {
  try {
    return (values ?? []).map(parseMeshGroup);
  } catch (error) {
    if (error instanceof MeshGroupError) throw new UsageError(error.message, usage, { cause: error });
    throw error;
  }
}
