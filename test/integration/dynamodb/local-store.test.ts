/** LocalHistoryStore (embedded dynalite): persists across close/reopen, one write per unchanged rescan. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalHistoryStore } from '#adapters/local-store';
import { recordScan } from '#app/record-scan';
import type { Assessment } from '#domain/model';
import { countWrites } from '#support/dynamodb-local';
import { assessed, fingerprintOf } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { COPIES, recordManyCopiesTwice } from '#support/many-copies';

const dir = mkdtempSync(join(tmpdir(), 'certwatch-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const assessment: Assessment = {
  certificates: [
    assessed({
      name: 'root',
      notBefore: '2029-01-01T00:00:00Z',
      notAfter: '2031-01-01T00:00:00Z',
      sources: [{ kind: 'ConfigMap', namespace: 'apps', name: 'istio-ca-root-cert', key: 'root-cert.pem' }],
      level: 'root',
      role: 'istio-root',
    }),
  ],
  findings: [],
  errors: [],
};

describe('LocalHistoryStore', () => {
  it('keeps history on disk across close and reopen', async () => {
    const clock = new FixedClock('2030-06-01T00:00:00Z');
    const first = await LocalHistoryStore.open({ stateDir: dir });
    await recordScan({ store: first, notifiers: [], clock }, { cluster: 'kind', assessment, status: 'ok' });
    await first.close();

    const again = await LocalHistoryStore.open({ stateDir: dir });
    try {
      const writes = countWrites(again.localClient);
      clock.advance(3600_000);
      await recordScan({ store: again, notifiers: [], clock }, { cluster: 'kind', assessment, status: 'ok' });
      expect(writes.count).toBe(1);
      const history = await again.loadCluster('kind');
      expect(history.observations.map((o) => o.fingerprint)).toEqual([fingerprintOf('root')]);
      expect(history.state?.watchedSince).toBe('2030-06-01T00:00:00.000Z');
      expect((await again.loadEvents('kind')).map((e) => e.type)).toEqual(['appeared']);
    } finally {
      await again.close();
    }
  });

  it(`records a root copied into ${COPIES} namespaces and rescans it silently`, async () => {
    const store = await LocalHistoryStore.open();
    try {
      const writes = countWrites(store.localClient);
      const run = await recordManyCopiesTwice(store, () => writes.count);
      expect(run.totalWrites - run.firstWrites).toBe(1); // the rescan's summary
      expect(run.alerts).toBe(0);
      const [observation] = (await store.loadCluster('big')).observations;
      expect(observation?.sources).toHaveLength(25);
      expect(observation?.sourcesTotal).toBe(COPIES);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('works in memory without a state dir and forgets on close', async () => {
    const store = await LocalHistoryStore.open();
    await recordScan(
      { store, notifiers: [], clock: new FixedClock('2030-06-01T00:00:00Z') },
      { cluster: 'mem', assessment, status: 'ok' },
    );
    expect((await store.listClusters()).map((c) => c.cluster)).toEqual(['mem']);
    await store.close();
    const fresh = await LocalHistoryStore.open();
    expect(await fresh.listClusters()).toEqual([]);
    await fresh.close();
  });

  it('refuses a second opener of the same state dir, and takes over the lock of a dead process', async () => {
    const lockDir = mkdtempSync(join(tmpdir(), 'certwatch-lock-'));
    try {
      const first = await LocalHistoryStore.open({ stateDir: lockDir });
      await expect(LocalHistoryStore.open({ stateDir: lockDir })).rejects.toThrow(/in use by process \d+/);
      await first.close();
      expect(existsSync(join(lockDir, 'history.lock'))).toBe(false);
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      writeFileSync(join(lockDir, 'history.lock'), String(dead));
      const again = await LocalHistoryStore.open({ stateDir: lockDir });
      await again.close();
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  });
});
