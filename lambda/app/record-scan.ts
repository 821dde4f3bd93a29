/**
 * Use case: record one cluster's scan in history and drive its alerts. Loads the last stored
 * state, lets the domain decide what changed and what history adds to the findings
 * (planScanRecord), writes only that (an unchanged rescan writes its summary and nothing else),
 * then tells the channels what they have not heard (drive-alerts).
 * May import: domain, ports, drive-alerts.
 */

import type { AlertRuleScope } from '../domain/history/alert-plan';
import type { HistoryEvent } from '../domain/history/records';
import type { ScanSchedule } from '../domain/history/scan-missed';
import { identityOf, planScanRecord, type ScanToRecord } from '../domain/history/scan-record';
import type { Finding } from '../domain/model';
import type { Clock } from '../ports/clock';
import type { HistoryStore } from '../ports/history-store';
import type { Notifier } from '../ports/notifier';
import { type AlertOutcome, driveAlerts, type UseCaseLogger } from './drive-alerts';

export { identityOf } from '../domain/history/scan-record';

/** What recordScan needs; notifiers may be empty (history only). */
export interface RecordScanDeps {
  readonly store: HistoryStore;
  readonly notifiers: readonly Notifier[];
  readonly clock: Clock;
  readonly logger?: UseCaseLogger;
  /** @default 24 h */
  readonly renotifyMs?: number;
  readonly schedule?: ScanSchedule;
  /** How long an alert claim holds if its run dies before saving. @default 5 min */
  readonly claimLeaseMs?: number;
  /** Real time for alert claims and delivery attempts. @default - `clock` (right unless it is frozen) */
  readonly wallClock?: Clock;
  /** Time the run has left (the Lambda's deadline): alert claims hold at least this long. */
  readonly remainingMs?: () => number;
  /** The rules whose alerts this step settles (the deployed stack leaves the fleet trust rules to the fleet check). @default - every rule */
  readonly alertRules?: AlertRuleScope;
}

/** One scan of one cluster, as the scanner produced it. */
export type RecordScanInput = ScanToRecord;

/** What recording did: events written, findings judged (scan's plus history rules), deliveries. */
export interface RecordScanResult {
  readonly events: readonly HistoryEvent[];
  readonly findings: readonly Finding[];
  readonly alerts: readonly AlertOutcome[];
}

/** Records a scan: load history, plan (domain), write the changes, drive the alerts. */
export async function recordScan(deps: RecordScanDeps, input: RecordScanInput): Promise<RecordScanResult> {
  const now = deps.clock.now();
  const history = await deps.store.loadCluster(input.cluster);
  const plan = planScanRecord(input, history, now, deps.schedule);
  await deps.store.saveScan(plan.changes);
  const alerts = await driveAlerts(deps, {
    cluster: input.cluster,
    identity: identityOf(input),
    status: input.status,
    findings: plan.findings,
    certificates: input.status !== 'unreachable' ? input.assessment.certificates : [],
    coverage: plan.coverage,
    observations: history.observations,
    now,
    ...(deps.renotifyMs !== undefined ? { renotifyMs: deps.renotifyMs } : {}),
    ...(deps.alertRules ? { rules: deps.alertRules } : {}),
  });
  return { events: plan.events, findings: plan.findings, alerts };
}
/** What recording one scan of a batch told the caller. */
export interface RecordedScan {
  /** Findings only history can tell (rotation_overdue, scan_missed…), beyond the scan's own. */
  readonly historyFindings: readonly Finding[];
  /** Alerts no channel took this time (retried on the next run). */
  readonly undelivered: readonly AlertOutcome[];
}

/**
 * Records each scan in turn (the CLI's several contexts), one result per scan; a scan with an
 * identity is keyed by its id.
 */
export async function recordScans(
  deps: RecordScanDeps,
  scans: readonly RecordScanInput[],
): Promise<RecordedScan[]> {
  const out: RecordedScan[] = [];
  for (const scan of scans) {
    const recorded = await recordScan(deps, { ...scan, cluster: scan.identity?.id ?? scan.cluster });
    out.push({
      historyFindings: recorded.findings.slice(scan.assessment.findings.length),
      undelivered: recorded.alerts.filter((a) => !a.delivered),
    });
  }
  return out;
}
