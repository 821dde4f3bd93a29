import { recordMissedScans } from '#app/record-missed-scans';
import { recordScan } from '#app/record-scan';
import { expiringRootAssessment } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '#support/fakes/in-memory-history-store';
import { RecordingNotifier } from '#support/fakes/recording-notifier';

const HOUR = 3600_000;

describe('recordMissedScans', () => {
  it('opens scan_missed once for a silent cluster, leaves other alerts alone, resolves on the next scan', async () => {
    const store = new InMemoryHistoryStore();
    const slack = new RecordingNotifier('slack');
    const clock = new FixedClock('2030-06-01T00:00:00Z');
    const deps = { store, notifiers: [slack], clock, schedule: { intervalMinutes: 60, missedScans: 3 } };
    const assessment = expiringRootAssessment();
    await recordScan(deps, { cluster: 'edge', assessment, status: 'ok' });
    clock.advance(2 * HOUR);
    expect(await recordMissedScans(deps)).toEqual([]);
    clock.advance(2 * HOUR);
    const opened = await recordMissedScans(deps);
    expect(opened.map((o) => [o.transition, o.delivered])).toEqual([['opened', true]]);
    clock.advance(HOUR);
    expect(await recordMissedScans(deps)).toEqual([]);
    expect(slack.alerts.map((a) => [a.finding.rule, a.transition])).toEqual([
      ['root_expiring', 'opened'],
      ['scan_missed', 'opened'],
    ]);
    await recordScan(deps, { cluster: 'edge', assessment, status: 'ok' });
    expect(slack.alerts.at(-1)).toMatchObject({ transition: 'resolved', threadRef: 'slack-2' });
    expect(slack.alerts.at(-1)?.finding.rule).toBe('scan_missed');
    expect(slack.alerts).toHaveLength(3);
  });

  it('judges only the clusters named, so a cluster no longer dispatched stays quiet', async () => {
    const store = new InMemoryHistoryStore();
    const slack = new RecordingNotifier('slack');
    const clock = new FixedClock('2030-06-01T00:00:00Z');
    const deps = { store, notifiers: [slack], clock, schedule: { intervalMinutes: 60, missedScans: 3 } };
    const assessment = { certificates: [], findings: [], errors: [] };
    await recordScan(deps, { cluster: 'edge', assessment, status: 'ok' });
    await recordScan(deps, { cluster: 'removed', assessment, status: 'ok' });
    clock.advance(5 * HOUR);
    const outcomes = await recordMissedScans(deps, { clusters: ['edge'] });
    expect(outcomes.map((o) => [o.key.split('|')[0], o.transition])).toEqual([['edge', 'opened']]);
    expect(slack.alerts.map((a) => a.cluster)).toEqual(['edge']);
    expect(await recordMissedScans(deps)).toHaveLength(1); // unfiltered: `removed` too
  });
});
