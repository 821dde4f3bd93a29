/**
 * The largest history a hostile workload can make certwatch write: Secrets holding a certificate
 * with a 200,000-character subject (self-signed, so the issuer too), 1,000 long SPIFFE IDs and 500
 * long DNS names, found in 100 places, plus a small one found in 5,000, all with the longest names
 * Kubernetes allows, expired (so alerts open); 100 blind spots with 100 KB details; then a
 * rotation of both to twins just as hostile (events, rotation findings, alert changes). Scanned by
 * scanCluster from raw material and recorded by recordScan on any HistoryStore, alerting to a
 * recording notifier. Test support.
 */

import { recordScan } from '#app/record-scan';
import { scanCluster } from '#app/scan-cluster';
import type { CertificateMaterial } from '#domain/model';
import type { SourceFailure } from '#domain/source-failure';
import type { HistoryStore } from '#ports/history-store';
import { FixedClock } from './fakes/fixed-clock';
import { FixedSource } from './fakes/fixed-source';
import { RecordingNotifier } from './fakes/recording-notifier';
import { type MintedCert, mint } from './mint';

/** Places the huge certificate is found in (each holds all of it: parsing costs the same). */
const HUGE_PLACES = 100;
/** Places the small certificate is found in. */
const MANY_PLACES = 5_000;
/** Objects that could not be read (each its own alert: the count costs time, not item size). */
const BLIND_SPOTS = 100;

const NOW = new Date('2030-06-01T00:00:00Z');
const DAY = 86_400_000;
const long = (prefix: string, i: number, length: number) =>
  `${prefix}${i}-`.padEnd(length, 'x').slice(0, length);

function hostileCert(tag: string, notAfterDays: number, size: number): Promise<MintedCert> {
  return mint({
    subject: `CN=${tag}${'h'.repeat(200 * size)}`,
    notBefore: new Date(NOW.getTime() - 400 * DAY),
    notAfter: new Date(NOW.getTime() + notAfterDays * DAY),
    uris: Array.from({ length: size }, (_, i) => `spiffe://cluster.local/ns/evil/sa/${long('a', i, 200)}`),
    dnsNames: Array.from({ length: size / 2 }, (_, i) => `${long('d', i, 60)}.${'e'.repeat(60)}.evil.svc`),
  });
}

function materials(cert: MintedCert, places: number, tag: string): CertificateMaterial[] {
  return Array.from({ length: places }, (_, i) => ({
    source: {
      kind: 'Secret',
      namespace: long(`${tag}ns`, i, 63),
      name: long('secret', i, 253),
      key: 'tls.crt',
    },
    data: cert.pem,
    mesh: 'generic' as const,
  }));
}

function failures(): SourceFailure[] {
  return Array.from({ length: BLIND_SPOTS }, (_, i) => ({
    source: 'tls-secrets',
    location: {
      kind: 'Pod',
      namespace: long('evil', i, 63),
      name: long('pod', i, 253),
      key: 'k'.repeat(253),
    },
    reason: 'server_error' as const,
    detail: `HTTP 503: ${'e'.repeat(100_000)}`,
  }));
}

/** Records the hostile cluster, then its rotation a day later; returns what the notifier heard. */
export async function recordHostileHistory(store: HistoryStore): Promise<{ alerts: number }> {
  const clock = new FixedClock(NOW.toISOString());
  const notifier = new RecordingNotifier('slack');
  const record = { store, notifiers: [notifier], clock };
  for (const tag of ['old', 'new']) {
    const huge = await hostileCert(tag, -1, 1000);
    const small = await hostileCert(`${tag}-small`, -1, 2);
    const found = [...materials(huge, HUGE_PLACES, 'h'), ...materials(small, MANY_PLACES, 's')];
    const source = new FixedSource('tls-secrets', { materials: found, signals: [], failures: failures() });
    const scan = await scanCluster({ sources: [source], clock }, { cluster: 'hostile' });
    const { status, assessment, signals, sources } = scan;
    await recordScan(record, {
      cluster: 'hostile',
      assessment,
      status,
      signals,
      failures: scan.failures,
      sources,
    });
    clock.advance(DAY);
  }
  return { alerts: notifier.alerts.length };
}
