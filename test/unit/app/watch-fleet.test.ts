import type { DispatchResult } from '#app/dispatch';
import { recordScan } from '#app/record-scan';
import { watchFleet } from '#app/watch-fleet';
import { eksClusterIdentity } from '#domain/cluster-identity';
import type { ClusterTarget } from '#ports/scan-queue';
import { expiringRootAssessment } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '#support/fakes/in-memory-history-store';
import { RecordingNotifier } from '#support/fakes/recording-notifier';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const target = (name: string): ClusterTarget => ({ name, region: 'eu-west-1', account: '111111111111' });
const id = (name: string) => eksClusterIdentity(target(name)).id;
const result = (
  names: string[],
  discoveryFailed = false,
  where = '222222222222/eu-west-1',
): DispatchResult => ({
  targets: names.map(target),
  dispatched: names.map(target),
  sendFailures: [],
  discoveryFailures: discoveryFailed ? [{ target: where, detail: 'AccessDenied' }] : [],
});

function setup() {
  const store = new InMemoryHistoryStore();
  const slack = new RecordingNotifier('slack');
  const clock = new FixedClock('2030-06-01T00:00:00Z');
  const deps = { store, notifiers: [slack], clock, schedule: { intervalMinutes: 60, missedScans: 3 } };
  const scan = (name: string) =>
    recordScan(deps, {
      cluster: id(name),
      identity: eksClusterIdentity(target(name)),
      assessment: expiringRootAssessment(),
      status: 'ok',
    });
  return { store, slack, clock, deps, scan };
}

describe('watchFleet', () => {
  it('retires a cluster gone for 7 days: its alerts resolve once with the note, then nothing', async () => {
    const { slack, clock, deps, scan } = setup();
    await watchFleet(deps, result(['edge', 'gone']));
    await scan('edge');
    await scan('gone');
    clock.advance(HOUR);
    await watchFleet(deps, result(['edge']));
    clock.advance(7 * DAY);
    await scan('edge');
    const first = await watchFleet(deps, result(['edge']));
    expect(first.retired).toEqual([id('gone')]);
    const resolved = slack.alerts.filter((a) => a.transition === 'resolved');
    expect(resolved.map((a) => [a.clusterId, a.finding.message])).toEqual([
      [id('gone'), 'm (cluster retired)'],
    ]);
    clock.advance(HOUR);
    const again = await watchFleet(deps, result(['edge']));
    expect(again).toEqual({ retired: [], retirements: [], missed: [] });
    expect(slack.alerts.filter((a) => a.transition === 'resolved')).toHaveLength(resolved.length);
  });

  it('a discovery failure does not widen scan_missed to clusters no longer dispatched', async () => {
    const { slack, clock, deps, scan } = setup();
    await scan('old'); // in history from before sightings: never dispatched by this dispatcher
    await watchFleet(deps, result(['edge']));
    await scan('edge');
    clock.advance(5 * HOUR);
    const run = await watchFleet(deps, result(['edge'], true));
    expect(run.missed.map((o) => o.key.split('|')[0])).toEqual([id('edge')]);
    expect(slack.alerts.filter((a) => a.finding.rule === 'scan_missed').map((a) => a.clusterId)).toEqual([
      id('edge'),
    ]);
  });

  it('a cluster taken out of the dispatch raises no scan_missed while it waits to retire, unless discovery could not search its account/region', async () => {
    const { slack, clock, deps, scan } = setup();
    await watchFleet(deps, result(['edge', 'removed']));
    await scan('edge');
    await scan('removed');
    clock.advance(5 * HOUR);
    await scan('edge');
    const quiet = await watchFleet(deps, result(['edge']));
    expect(quiet.missed).toEqual([]);
    const hidden = await watchFleet(deps, result(['edge'], true, '111111111111/eu-west-1'));
    expect(hidden.missed.map((o) => o.key.split('|')[0])).toEqual([id('removed')]);
    expect(slack.alerts.filter((a) => a.finding.rule === 'scan_missed').map((a) => a.clusterId)).toEqual([
      id('removed'),
    ]);
  });

  it('a retired cluster that is dispatched again comes back (its sighting loses retiredAt)', async () => {
    const { store, clock, deps, scan } = setup();
    await scan('gone');
    clock.advance(8 * DAY);
    expect((await watchFleet(deps, result([]))).retired).toEqual([id('gone')]);
    expect(store.sightings.get(id('gone'))?.retiredAt).toBeDefined();
    clock.advance(HOUR);
    await watchFleet(deps, result(['gone']));
    expect(store.sightings.get(id('gone'))?.retiredAt).toBeUndefined();
  });
});
