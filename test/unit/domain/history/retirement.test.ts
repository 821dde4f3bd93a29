import type { ClusterOverview } from '#domain/history/records';
import { isRetired, lastSeenAt, planFleetWatch } from '#domain/history/retirement';

const NOW = new Date('2030-06-10T00:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function overview(
  cluster: string,
  o: { scanned?: number; dispatched?: number; retired?: number },
): ClusterOverview {
  return {
    cluster,
    state: {
      cluster,
      observationsHash: 'h',
      certificates: 0,
      changedAt: daysAgo(30),
      watchedSince: daysAgo(30),
    },
    ...(o.scanned !== undefined
      ? {
          lastSummary: {
            cluster,
            at: daysAgo(o.scanned),
            status: 'ok' as const,
            certificates: 0,
            findings: { info: 0, warning: 0, critical: 0 },
            blindSpots: 0,
          },
        }
      : {}),
    ...(o.dispatched !== undefined
      ? {
          sighting: {
            cluster,
            lastDispatchedAt: daysAgo(o.dispatched),
            ...(o.retired !== undefined ? { retiredAt: daysAgo(o.retired) } : {}),
          },
        }
      : {}),
  };
}

describe('lastSeenAt / isRetired', () => {
  it('takes the latest of dispatch, scan and first sight', () => {
    expect(lastSeenAt(overview('a', { scanned: 5, dispatched: 2 }))).toBe(daysAgo(2));
    expect(lastSeenAt(overview('a', { scanned: 1, dispatched: 2 }))).toBe(daysAgo(1));
    expect(lastSeenAt(overview('a', {}))).toBe(daysAgo(30));
  });

  it('is retired until something sees the cluster again', () => {
    expect(isRetired(overview('a', { scanned: 9, dispatched: 9, retired: 1 }))).toBe(true);
    expect(isRetired(overview('a', { scanned: 0.5, dispatched: 9, retired: 1 }))).toBe(false);
    expect(isRetired(overview('a', { scanned: 9, dispatched: 9 }))).toBe(false);
  });
});

describe('planFleetWatch', () => {
  const fleet = [
    overview('current', { scanned: 0, dispatched: 0.5 }),
    overview('stale-sighting', { scanned: 0, dispatched: 2 }),
    overview('gone-3d', { scanned: 3, dispatched: 3 }),
    overview('gone-8d', { scanned: 8, dispatched: 8 }),
    overview('pre-sightings', { scanned: 8 }),
    overview('retired', { scanned: 20, dispatched: 20, retired: 12 }),
  ];

  it.each([
    ['retires clusters neither dispatched nor scanned for 7 days, once', 7, ['gone-8d', 'pre-sightings']],
    ['honours a longer window', 10, []],
    ['honours a shorter window', 2, ['gone-3d', 'gone-8d', 'pre-sightings']],
  ])('%s', (_what, days, retired) => {
    const plan = planFleetWatch(fleet, ['current', 'stale-sighting'], NOW, days);
    expect(plan.retire.map((o) => o.cluster)).toEqual(retired);
  });

  it('writes a sighting only for dispatched clusters never recorded, recorded a day ago, or retired', () => {
    const plan = planFleetWatch(fleet, ['current', 'stale-sighting', 'new', 'retired'], NOW);
    expect(plan.sightings.map((s) => s.cluster).sort()).toEqual(['new', 'retired', 'stale-sighting']);
    expect(plan.sightings.every((s) => s.lastDispatchedAt === NOW.toISOString() && !s.retiredAt)).toBe(true);
  });

  it('judges scan_missed only for clusters dispatched within the window (a discovery failure adds none)', () => {
    const plan = planFleetWatch(fleet, ['current'], NOW);
    expect([...plan.missedScanScope].sort()).toEqual(['current', 'gone-3d', 'stale-sighting']);
    expect(planFleetWatch(fleet, [], NOW).missedScanScope).not.toContain('gone-8d');
  });

  it('a cluster no longer dispatched raises scan_missed only while a discovery failure may hide it', () => {
    const removed = 'eks:111111111111:eu-west-1:removed';
    const fleetOfEks = [overview(removed, { scanned: 3, dispatched: 3 })];
    const scope = (unsearched: string[]) =>
      planFleetWatch(fleetOfEks, [], NOW, 7, new Set(unsearched)).missedScanScope;
    // Taken out of the configuration, or not found by a discovery that searched its account/region.
    expect(scope([])).toEqual([]);
    expect(scope(['111111111111/us-east-1', '222222222222/eu-west-1'])).toEqual([]);
    // Its account/region could not be searched this run: it may still exist, unwatched.
    expect(scope(['111111111111/eu-west-1'])).toEqual([removed]);
    // Dispatched now: judged whatever discovery said.
    expect(planFleetWatch(fleetOfEks, [removed], NOW).missedScanScope).toEqual([removed]);
  });
});
