/**
 * processScanMessage: one SQS body through scanCluster and recordScan. What a source could not read
 * reaches history with its details (the digest lists them as blind spots), not only as a count.
 */

import type { ScanSetup } from '#handlers/scan-message';
import { processScanMessage } from '#handlers/scan-message';
import type { CertificateSource, SourceFailure } from '#ports/certificate-source';
import type { ClusterTarget } from '#ports/scan-queue';
import { FixedClock } from '#support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '#support/fakes/in-memory-history-store';
import { RecordingNotifier } from '#support/fakes/recording-notifier';
import { materialOf } from '#support/materials';
import { mint } from '#support/mint';

const forbidden: SourceFailure = {
  source: 'linkerd',
  location: { kind: 'Secret', namespace: 'linkerd', name: 'linkerd-identity-issuer', key: 'crt.pem' },
  reason: 'permission_denied',
  detail: 'secrets "linkerd-identity-issuer" is forbidden',
};

function source(name: string, failures: SourceFailure[]): CertificateSource {
  return { name, collect: async () => ({ materials: [], signals: [], failures }) };
}

function setup(store: InMemoryHistoryStore, sources: CertificateSource[]): ScanSetup {
  const clock = new FixedClock('2030-01-01T00:00:00Z');
  return {
    record: { store, notifiers: [], clock },
    timeoutMs: 5_000,
    detailedMetrics: false,
    connect: async () => ({ clock, sources }),
  };
}

describe('processScanMessage', () => {
  beforeAll(() => {
    // Powertools logs and EMF metrics go to stdout; keep the test output readable.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterAll(() => jest.restoreAllMocks());

  it('records the failures of a partial scan with their details', async () => {
    const store = new InMemoryHistoryStore();
    const body = JSON.stringify({ name: 'edge', region: 'eu-west-1' });
    const reached = await processScanMessage(
      setup(store, [source('istio', []), source('linkerd', [forbidden])]),
      body,
    );
    expect(reached).toBe(true);
    expect(store.summaries).toHaveLength(1);
    expect(store.summaries[0]).toMatchObject({
      cluster: 'eks:unknown-account:eu-west-1:edge',
      status: 'partial',
      blindSpots: 1,
      blindSpotDetails: [
        {
          source: 'linkerd Secret/linkerd/linkerd-identity-issuer/crt.pem',
          reason: 'permission_denied',
          detail: 'secrets "linkerd-identity-issuer" is forbidden',
        },
      ],
    });
  });

  it('a message that is not a cluster target is not reached and records nothing', async () => {
    const store = new InMemoryHistoryStore();
    await expect(processScanMessage(setup(store, []), '{"name":""}')).resolves.toBe(false);
    expect(store.summaries).toHaveLength(0);
  });

  it('two clusters named prod in two accounts keep separate history; alternating scans send nothing new', async () => {
    const clock = new FixedClock('2030-01-01T00:00:00Z');
    const day = 86_400_000;
    // Account A's root expires in 30 days (critical); account B's in ten years (fine).
    const rootOf = async (days: number) =>
      mint({
        subject: `CN=Root ${days}`,
        isCA: true,
        notBefore: new Date(clock.now().getTime() - 400 * day),
        notAfter: new Date(clock.now().getTime() + days * day),
      });
    const roots: Record<string, Awaited<ReturnType<typeof rootOf>>> = {
      '111111111111': await rootOf(30),
      '222222222222': await rootOf(3650),
    };
    const store = new InMemoryHistoryStore();
    const notifier = new RecordingNotifier('slack');
    const setupFor: ScanSetup = {
      record: { store, notifiers: [notifier], clock },
      timeoutMs: 5_000,
      detailedMetrics: false,
      connect: async (target: ClusterTarget) => {
        const root = roots[target.account ?? ''];
        const material = materialOf(root!, { name: 'cacerts' });
        return {
          clock,
          sources: [
            { name: 'istio', collect: async () => ({ materials: [material], signals: [], failures: [] }) },
          ],
        };
      },
    };
    const scanOf = (account: string) =>
      processScanMessage(setupFor, JSON.stringify({ name: 'prod', region: 'eu-west-1', account }));
    for (let round = 0; round < 3; round++) {
      await scanOf('222222222222'); // known first, so A's alert is sent while two share the name
      await scanOf('111111111111');
      clock.advance(3600_000);
    }
    const ids = (await store.clusterIdentities()).map((i) => i.id).sort();
    expect(ids).toEqual(['eks:111111111111:eu-west-1:prod', 'eks:222222222222:eu-west-1:prod']);
    // One alert opened in account A, and nothing else in six alternating scans (no flapping).
    expect(notifier.alerts.map((a) => a.transition)).toEqual(['opened']);
    const [opened] = notifier.alerts;
    expect(opened?.clusterId).toBe('eks:111111111111:eu-west-1:prod');
    // Two clusters share the name: the text says which one.
    expect(opened?.cluster).toBe('prod (111111111111/eu-west-1)');
    expect(store.summaries.filter((s) => s.cluster.includes('222222222222'))).toHaveLength(3);
  });
});
