/** alert-plan: which alert moves to which state after a scan, and what a channel is told. */
import {
  type AlertScan,
  alertMessage,
  alertPending,
  desiredAlerts,
  planAlert,
} from '#domain/history/alert-plan';
import { afterDelivery, nextAlertRecord } from '#domain/history/alert-transitions';
import { findingKey } from '#domain/history/keys';
import type { Finding } from '#domain/model';

const T0 = new Date('2030-01-01T00:00:00Z');
const crit: Finding = { severity: 'critical', rule: 'root_expiring', fingerprint: 'f', message: 'expires' };
const info: Finding = { severity: 'info', rule: 'rotation_observed', message: 'rotated' };
const none = new Map();

function scanOf(status: AlertScan['status'], findings: Finding[], extra: Partial<AlertScan> = {}): AlertScan {
  return { cluster: 'c', status, findings, certificates: [], now: T0, ...extra };
}

const open = () =>
  afterDelivery(nextAlertRecord(undefined, 'k', 'c', crit, T0)!, 'slack', 'opened', T0, 'ts-1');

describe('alert plan', () => {
  it('wants alerts for warning and critical findings only, none when the cluster is retired', () => {
    expect([...desiredAlerts(scanOf('ok', [crit, info])).keys()]).toEqual([findingKey('c', crit)]);
    expect(desiredAlerts(scanOf('ok', [crit], { resolveNote: 'cluster retired' })).size).toBe(0);
  });

  it('resolves an open alert after a complete scan, never after an unreachable one', () => {
    expect(planAlert(scanOf('ok', []), 'k', undefined, open(), none)).toMatchObject({ state: 'resolved' });
    expect(planAlert(scanOf('unreachable', []), 'k', undefined, open(), none)).toBeUndefined();
  });

  it('keeps the alert open after a partial scan that did not see the certificate', () => {
    const partial = scanOf('partial', [], { coverage: { seen: new Set() } });
    expect(planAlert(partial, 'k', undefined, open(), none)).toBeUndefined();
  });

  it('notes why a retired cluster’s alert resolved, in the record and in the message', () => {
    const next = planAlert(
      scanOf('ok', [], { resolveNote: 'cluster retired' }),
      'k',
      undefined,
      open(),
      none,
    )!;
    expect(next.resolvedNote).toBe('cluster retired');
    const message = alertMessage(next, 'resolved', 'slack', 'prod (eu-west-1)', none);
    expect(message).toMatchObject({ cluster: 'prod (eu-west-1)', clusterId: 'c', threadRef: 'ts-1' });
    expect(message.finding.message).toBe('expires (cluster retired)');
  });

  it('has nothing pending once every channel heard the current state', () => {
    const record = open();
    expect(alertPending(record, ['slack'], scanOf('ok', [crit]))).toBe(false);
    expect(alertPending(record, ['slack', 'sns'], scanOf('ok', [crit]))).toBe(true);
  });
});
