/**
 * A root copied into 5,000 namespaces (istio-ca-root-cert in each): recorded twice through
 * recordScan on any HistoryStore. The first scan must fit every item under DynamoDB's 400 KB; the
 * rescan writes its summary only and sends nothing. Test support.
 */
import { recordScan } from '#app/record-scan';
import type { Assessment } from '#domain/model';
import type { HistoryStore } from '#ports/history-store';
import { assessed } from './fakes/assessed-certificate';
import { FixedClock } from './fakes/fixed-clock';
import { RecordingNotifier } from './fakes/recording-notifier';

/** Namespaces holding a copy. */
export const COPIES = 5_000;

/** One Istio root seen in COPIES ConfigMaps. */
export function manyCopies(): Assessment {
  const sources = Array.from({ length: COPIES }, (_, i) => ({
    kind: 'ConfigMap',
    namespace: `team-${String(i).padStart(5, '0')}-namespace-with-a-long-name`,
    name: 'istio-ca-root-cert',
    key: 'root-cert.pem',
  }));
  const root = assessed({
    name: 'istio-root',
    notBefore: '2029-01-01T00:00:00Z',
    notAfter: '2039-01-01T00:00:00Z',
    sources,
    level: 'root',
    role: 'istio-root',
    mesh: 'istio',
    daysLeft: 3000,
  });
  return { certificates: [root], findings: [], errors: [] };
}

/** Records the cluster twice, an hour apart; returns what the notifier heard after each. */
export async function recordManyCopiesTwice(store: HistoryStore, writes: () => number) {
  const clock = new FixedClock('2030-06-01T00:00:00Z');
  const notifier = new RecordingNotifier('slack');
  const deps = { store, notifiers: [notifier], clock };
  const assessment = manyCopies();
  await recordScan(deps, { cluster: 'big', assessment, status: 'ok' });
  const firstWrites = writes();
  clock.advance(3600_000);
  await recordScan(deps, { cluster: 'big', assessment, status: 'ok' });
  return { firstWrites, totalWrites: writes(), alerts: notifier.alerts.length };
}
