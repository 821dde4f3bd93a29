/**
 * What `certwatch scan` calls for `--store` / `--notify`: the extra flags (to spread into its own
 * parseArgs options and usage), and a recorder that writes each ClusterScan to history and drives
 * alerts. Without either flag there is no recorder and scan stays stateless.
 */
import { type RecordScanResult, recordScan } from '../app/record-scan';
import type { ClusterScan } from '../app/scan-cluster';
import type { Finding } from '../domain/model';
import type { Clock } from '../ports/clock';
import { defaultStateDir, openHistoryStore, type StoreKind } from './history-store-config';
import { buildNotifiers, NotifyConfigError, parseNotifyConfig } from './notify-config';

/** parseArgs options for the recording flags. */
export const RECORDING_FLAGS = {
  store: { type: 'string' },
  'state-dir': { type: 'string' },
  notify: { type: 'string' },
  'slack-channel': { type: 'string' },
  'sns-topic-arn': { type: 'string' },
} as const;

/** Help rows (flag, description) for the recording flags, in the order scan's help lists them. */
export const RECORDING_HELP: readonly (readonly [flag: string, description: string])[] = [
  [
    '--store local|memory|dynamodb',
    'record history; local = embedded store in --state-dir (default: none; local with --notify)',
  ],
  ['--state-dir DIR', 'local store folder (default: ~/.certwatch)'],
  ['--notify slack,sns', 'send alerts (opened, escalated, resolved: each once)'],
  ['--slack-channel ID', 'Slack channel (token from SLACK_BOT_TOKEN, API from SLACK_API_URL)'],
  ['--sns-topic-arn ARN', 'SNS topic for alerts'],
];

/** Values of the recording flags as parseArgs returns them. */
export type RecordingFlagValues = Partial<Record<keyof typeof RECORDING_FLAGS, string>>;

/** Records scans; `close()` releases the store. */
export interface ScanRecorder {
  record(scan: ClusterScan): Promise<RecordScanResult>;
  close(): Promise<void>;
}

const STORES: readonly StoreKind[] = ['local', 'memory', 'dynamodb'];

/** Opens a recorder, or returns undefined when neither --store nor --notify was given. */
export async function openScanRecorder(
  values: RecordingFlagValues,
  env: Readonly<Record<string, string | undefined>>,
  clock: Clock,
): Promise<ScanRecorder | undefined> {
  if (values.store === undefined && values.notify === undefined) return undefined;
  const kind = (values.store ?? 'local') as StoreKind;
  if (!STORES.includes(kind)) {
    throw new NotifyConfigError(`invalid --store '${values.store}': expected one of ${STORES.join(', ')}`);
  }
  const notify = parseNotifyConfig(
    { notify: values.notify, slackChannel: values['slack-channel'], snsTopicArn: values['sns-topic-arn'] },
    env,
  );
  const opened = await openHistoryStore(kind, defaultStateDir(values['state-dir']), env);
  // Claims and delivery attempts need real time even when `--now` freezes the scan's clock.
  const wallClock: Clock = { now: () => new Date() };
  const deps = { store: opened.store, notifiers: buildNotifiers(notify), clock, wallClock };
  return {
    record: (scan) =>
      recordScan(deps, {
        cluster: scan.identity?.id ?? scan.cluster,
        ...(scan.identity ? { identity: scan.identity } : {}),
        assessment: scan.assessment,
        status: scan.status,
        signals: scan.signals,
        failures: scan.failures,
        sources: scan.sources,
      }),
    close: () => opened.close(),
  };
}

/**
 * Records every scan (when a recorder is open), reports undelivered alerts through `warn`, closes
 * the recorder, and returns per scan the findings only history can tell (for the report).
 */
export async function recordScans(
  recorder: ScanRecorder | undefined,
  scans: readonly ClusterScan[],
  warn: (line: string) => void,
): Promise<Finding[][]> {
  if (!recorder) return scans.map(() => []);
  const extra: Finding[][] = [];
  try {
    for (const scan of scans) {
      const recorded = await recorder.record(scan);
      extra.push(recorded.findings.slice(scan.assessment.findings.length));
      for (const a of recorded.alerts.filter((x) => !x.delivered)) {
        warn(
          `certwatch: ${scan.cluster}: ${a.channel}: alert not delivered (${a.error}); retried next run\n`,
        );
      }
    }
  } finally {
    await recorder.close();
  }
  return extra;
}
