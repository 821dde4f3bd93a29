/**
 * processScanMessage: one SQS body through scanCluster and recordScan. What a source could not read
 * reaches history with its details (the digest lists them as blind spots), not only as a count.
 */

import type { ScanSetup } from '../../../lambda/config/scan-deps';
import { processScanMessage } from '../../../lambda/config/scan-message';
import type { CertificateSource, SourceFailure } from '../../../lambda/ports/certificate-source';
import { FixedClock } from '../../support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '../../support/fakes/in-memory-history-store';

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
      cluster: 'edge',
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
});
