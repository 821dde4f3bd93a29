/** `certwatch history`: the clusters known, or the timeline of one cluster or one certificate. */
import { clusterLabels } from '../../domain/cluster-identity';
import { formatDay, formatMinute } from '../../domain/format-date';
import type { HistoryEvent } from '../../domain/history/records';
import { sourceKey } from '../../domain/model';
import type { HistoryStore } from '../../ports/history-store';
import { parseFlags } from '../args';
import { type CliIo, type Command, UsageError } from '../command';
import { composeFromFlags, STORE_FLAGS, storeHelp } from '../settings-flags';
import { optionsBlock } from '../usage';

const usage = `Usage: certwatch history [options]

Without options, lists the clusters in history with their last scan. With --cluster, prints that
cluster's timeline (appeared, rotated, disappeared, severity changed); with --fingerprint, the
facts and timeline of one certificate (a unique prefix of at least 8 hex digits is enough).

${optionsBlock([
  ['--cluster NAME|ID', 'timeline of one cluster (its id when two share a name)'],
  ['--fingerprint HEX', 'timeline of one certificate, across clusters (or within --cluster)'],
  ...storeHelp('where history lives (default: local)'),
])}

Exit codes: 0 printed, 2 usage or configuration error, or nothing recorded for the --cluster or
--fingerprint asked.
`;

const options = {
  cluster: { type: 'string' },
  fingerprint: { type: 'string' },
  ...STORE_FLAGS,
} as const;

/** The `history` command. */
export const historyCommand: Command = {
  name: 'history',
  usage,
  flags: options,
  run: runHistory,
};

async function runHistory(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, options, usage);
  const fingerprint = values.fingerprint?.toLowerCase();
  if (fingerprint !== undefined && !/^[0-9a-f]{8,64}$/.test(fingerprint)) {
    throw new UsageError(`invalid --fingerprint '${values.fingerprint}': expected 8 to 64 hex digits`, usage);
  }
  const root = composeFromFlags(values, io, usage, { store: values.store ?? 'local' });
  const opened = await root.openHistory();
  try {
    const cluster = values.cluster ? await resolveCluster(opened.store, values.cluster) : undefined;
    if (fingerprint) return await printCertificate(opened.store, fingerprint, cluster, io);
    if (cluster) return await printCluster(opened.store, cluster, io);
    return await printClusters(opened.store, io);
  } finally {
    await opened.close();
  }
}

/** One timeline line; the time first so lines sort and grep well. */
export function formatEvent(e: HistoryEvent): string {
  const what = `${e.subject || e.fingerprint.slice(0, 12)}${e.role ? ` (${e.role})` : ''}`;
  const where = e.source ? ` at ${sourceKey(e.source)}` : '';
  const fp = e.fingerprint.slice(0, 12);
  const at = formatMinute(e.at);
  switch (e.type) {
    case 'rotated':
      return `${at}  ${e.cluster}  rotated           ${what}${where}: ${fp} → ${e.newFingerprint?.slice(0, 12)}, notAfter ${day(e.oldNotAfter)} → ${day(e.newNotAfter)}`;
    case 'severity_changed':
      return `${at}  ${e.cluster}  severity changed  ${what} [${fp}]: ${e.fromSeverity} → ${e.toSeverity}`;
    default:
      return `${at}  ${e.cluster}  ${e.type.padEnd(16)}  ${what}${where} [${fp}]`;
  }
}

function day(value: string | undefined): string {
  return value ? formatDay(value) : '?';
}

/** `--cluster` takes an id, or a name that only one known cluster has. */
async function resolveCluster(store: HistoryStore, given: string): Promise<string> {
  const known = await store.clusterIdentities();
  if (known.some((k) => k.id === given)) return given;
  const named = known.filter((k) => k.name === given);
  if (named.length > 1) {
    const ids = named.map((k) => k.id).join(', ');
    throw new UsageError(
      `--cluster '${given}' names ${named.length} clusters; give one of their ids: ${ids}`,
    );
  }
  return named[0]?.id ?? given;
}

async function printClusters(store: HistoryStore, io: CliIo): Promise<number> {
  const clusters = await store.listClusters();
  if (clusters.length === 0) {
    io.stdout.write('No history yet: run `certwatch scan` first.\n');
    return 0;
  }
  const labels = clusterLabels(await store.clusterIdentities());
  const rows = clusters.map((c) => [
    labels.get(c.cluster) ?? c.cluster,
    c.lastSummary ? formatMinute(c.lastSummary.at) : '-',
    c.lastSummary?.status ?? '-',
    c.lastSummary?.lastSuccessAt ? formatMinute(c.lastSummary.lastSuccessAt) : 'never',
    String(c.state?.certificates ?? 0),
    c.cluster,
  ]);
  const table = [['CLUSTER', 'LAST SCAN', 'STATUS', 'LAST SUCCESS', 'CERTIFICATES', 'ID'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table)
    io.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}

async function printCluster(store: HistoryStore, cluster: string, io: CliIo): Promise<number> {
  const history = await store.loadCluster(cluster);
  if (!history.state && !history.lastSummary) throw new UsageError(`no history for cluster '${cluster}'`);
  const s = history.lastSummary;
  if (s) {
    io.stdout.write(
      `Cluster ${cluster}: last scan ${formatMinute(s.at)} (${s.status}), last success ${s.lastSuccessAt ? formatMinute(s.lastSuccessAt) : 'never'}, `,
    );
    io.stdout.write(`${history.observations.length} certificates\n`);
  }
  for (const e of await store.loadEvents(cluster)) io.stdout.write(`${formatEvent(e)}\n`);
  return 0;
}

async function printCertificate(store: HistoryStore, prefix: string, only: string | undefined, io: CliIo) {
  const clusters = only ? [only] : (await store.listClusters()).map((c) => c.cluster);
  const touches = (e: HistoryEvent) =>
    e.fingerprint.startsWith(prefix) || !!e.newFingerprint?.startsWith(prefix);
  const events = (await Promise.all(clusters.map((c) => store.loadEvents(c)))).flat().filter(touches);
  events.sort((a, b) => a.at.localeCompare(b.at));
  const full = new Set(
    events.flatMap((e) => [e.fingerprint, e.newFingerprint ?? '']).filter((f) => f.startsWith(prefix)),
  );
  if (full.size > 1)
    throw new UsageError(`--fingerprint ${prefix} matches ${full.size} certificates; give more digits`);
  const [fingerprint] = [...full];
  const facts = fingerprint ? await store.getCertificate(fingerprint) : undefined;
  if (!facts && events.length === 0) throw new UsageError(`no history for certificate ${prefix}`);
  if (facts) {
    io.stdout.write(
      `Certificate ${facts.fingerprint}\n  subject   ${facts.subject}\n  issuer    ${facts.issuer}\n`,
    );
    io.stdout.write(
      `  serial    ${facts.serialNumber}\n  valid     ${facts.notBefore} → ${facts.notAfter}\n`,
    );
    io.stdout.write(`  level     ${facts.level} (${facts.role})\n`);
    if (facts.spiffeIds.length > 0) io.stdout.write(`  spiffe    ${facts.spiffeIds.join(', ')}\n`);
  }
  for (const e of events) io.stdout.write(`${formatEvent(e)}\n`);
  return 0;
}
