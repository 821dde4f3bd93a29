import { afterDelivery, channelTransition, nextAlertRecord } from '#domain/history/alert-transitions';
import type { AlertRecord } from '#domain/history/records';
import type { Finding } from '#domain/model';

const T0 = new Date('2030-01-01T00:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3600_000);
const warn: Finding = { severity: 'warning', rule: 'r', fingerprint: 'f', message: 'm' };
const crit: Finding = { ...warn, severity: 'critical' };

function delivered(finding: Finding, at: Date, ref = 'ts-1'): AlertRecord {
  const opened = nextAlertRecord(undefined, 'k', 'c', finding, at)!;
  return afterDelivery(opened, 'slack', 'opened', at, ref);
}

describe('alert state machine', () => {
  it('opens a new alert and tells each channel once', () => {
    const rec = nextAlertRecord(undefined, 'k', 'c', warn, T0);
    expect(rec).toMatchObject({ state: 'open', severity: 'warning', openedAt: T0.toISOString() });
    expect(channelTransition(rec, 'slack', T0)).toBe('opened');
    const after = afterDelivery(rec!, 'slack', 'opened', T0, 'ts-1');
    expect(channelTransition(after, 'slack', hours(1))).toBeUndefined();
    expect(channelTransition(after, 'sns', hours(1))).toBe('opened');
  });

  it('returns the same record when nothing changed (no write)', () => {
    const rec = delivered(warn, T0);
    expect(nextAlertRecord(rec, 'k', 'c', { ...warn, message: 'other words' }, hours(2))).toBe(rec);
  });

  it('escalates when severity rises, keeping the thread reference', () => {
    const rec = nextAlertRecord(delivered(warn, T0), 'k', 'c', crit, hours(1))!;
    expect(channelTransition(rec, 'slack', hours(1))).toBe('escalated');
    expect(afterDelivery(rec, 'slack', 'escalated', hours(1), 'ts-2').channels.slack).toMatchObject({
      severity: 'critical',
      ref: 'ts-1',
    });
  });

  it('re-notifies an unresolved critical on the cadence, not a warning', () => {
    const c = delivered(crit, T0);
    expect(channelTransition(c, 'slack', hours(23))).toBeUndefined();
    expect(channelTransition(c, 'slack', hours(24))).toBe('renotified');
    expect(channelTransition(c, 'slack', hours(2), 3600_000)).toBe('renotified');
    expect(channelTransition(delivered(warn, T0), 'slack', hours(48))).toBeUndefined();
  });

  it('resolves only channels that heard of the alert, then stays quiet', () => {
    const rec = nextAlertRecord(delivered(warn, T0), 'k', 'c', undefined, hours(3))!;
    expect(rec).toMatchObject({ state: 'resolved', resolvedAt: hours(3).toISOString() });
    expect(channelTransition(rec, 'slack', hours(3))).toBe('resolved');
    expect(channelTransition(rec, 'sns', hours(3))).toBeUndefined();
    const done = afterDelivery(rec, 'slack', 'resolved', hours(3), 'ts-9');
    expect(done.channels.slack).toMatchObject({ state: 'resolved', ref: 'ts-1' });
    expect(channelTransition(done, 'slack', hours(30))).toBeUndefined();
  });

  it('re-opens a resolved alert when the finding comes back', () => {
    const done = afterDelivery(
      nextAlertRecord(delivered(warn, T0), 'k', 'c', undefined, hours(1))!,
      'slack',
      'resolved',
      hours(1),
    );
    const again = nextAlertRecord(done, 'k', 'c', warn, hours(5))!;
    expect(again).toMatchObject({ state: 'open', openedAt: hours(5).toISOString() });
    expect(channelTransition(again, 'slack', hours(5))).toBe('opened');
  });

  it('re-opens the same stored item: its version carries on (writes are conditional on it)', () => {
    const done: AlertRecord = {
      ...nextAlertRecord(delivered(warn, T0), 'k', 'c', undefined, hours(1))!,
      version: 7,
    };
    expect(nextAlertRecord(done, 'k', 'c', warn, hours(5))).toMatchObject({ state: 'open', version: 7 });
  });
});
