/** scanCluster against hand-written fake sources: one failing, rejecting or hanging source never stops the others. */
import { fleetTrustSummary, scanCluster, scanClusters } from '#app/scan-cluster';
import type { CertificateSource, CollectResult } from '#ports/certificate-source';
import { FixedSource } from '#support/fakes/fixed-source';
import { mint } from '#support/mint';

const NOW = new Date('2026-05-01T00:00:00Z');
const clock = { now: () => NOW };
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

class RejectingSource implements CertificateSource {
  readonly name = 'rejecting';
  async collect(): Promise<CollectResult> {
    throw Object.assign(new Error('401 Unauthorized'), { reason: 'unauthorized' });
  }
}
class HangingSource implements CertificateSource {
  readonly name = 'hanging';
  collect(): Promise<CollectResult> {
    return new Promise(() => {}); // ignores its AbortSignal on purpose
  }
}

/** Returns its root at once, then waits for more until the budget runs out (honouring the signal). */
class SlowSource implements CertificateSource {
  readonly name = 'slow';
  constructor(private readonly first: CollectResult) {}
  async collect(signal: AbortSignal): Promise<CollectResult> {
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    return {
      ...this.first,
      failures: [
        {
          source: this.name,
          location: { kind: 'Secret', namespace: 'a', name: 'next' },
          reason: 'timeout',
          detail: 'cancelled',
        },
      ],
    };
  }
}

async function rootSource(name = 'roots') {
  const root = await mint({ subject: 'CN=root', isCA: true, notBefore: at(-10), notAfter: at(3000) });
  const result: CollectResult = {
    materials: [
      {
        source: { kind: 'ConfigMap', namespace: 'a', name: 'roots', key: 'ca.crt' },
        data: root.pem,
        trustBundle: true,
      },
    ],
    signals: [],
    failures: [],
  };
  return new FixedSource(name, result);
}

it('reports the working sources and a blind spot for a rejecting and a hanging one (status partial)', async () => {
  const events: string[] = [];
  const scan = await scanCluster(
    {
      sources: [await rootSource(), new RejectingSource(), new HangingSource()],
      clock,
      progress: (e) => events.push(`${e.source}:${e.phase}`),
      graceMs: 50,
    },
    { cluster: 'c1', timeoutMs: 200 },
  );
  expect(scan.sources).toEqual([
    { name: 'roots', status: 'complete' },
    { name: 'rejecting', status: 'failed' },
    { name: 'hanging', status: 'failed' },
  ]);
  expect(scan.status).toBe('partial');
  expect(scan.assessment.certificates).toHaveLength(1);
  const spots = scan.assessment.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots.map((f) => f.message).sort()).toEqual([
    expect.stringContaining('hanging: could not read anything'),
    expect.stringContaining('rejecting: could not read anything'),
  ]);
  expect(scan.failures.map((f) => f.reason).sort()).toEqual(['timeout', 'unauthorized']);
  expect(events).toEqual(expect.arrayContaining(['roots:done', 'rejecting:failed', 'hanging:failed']));
});

it('is unreachable (one critical finding) when every source rejects', async () => {
  const scan = await scanCluster(
    { sources: [new RejectingSource(), new RejectingSource()], clock },
    { cluster: 'c2' },
  );
  expect(scan.status).toBe('unreachable');
  expect(scan.assessment.findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(['critical:blind_spot']);
});

it('is ok when every source is read, and reads one place once even if two sources return it', async () => {
  const a = await rootSource('a');
  const scan = await scanCluster({ sources: [a, a], clock }, { cluster: 'c3' });
  expect(scan.status).toBe('ok');
  expect(scan.assessment.certificates[0]!.sources).toHaveLength(1);
});

it('scanClusters scans each cluster and keeps them apart', async () => {
  const scans = await scanClusters([
    { deps: { sources: [await rootSource()], clock }, input: { cluster: 'x' } },
    { deps: { sources: [new RejectingSource()], clock }, input: { cluster: 'y' } },
  ]);
  expect(scans.map((s) => `${s.cluster}:${s.status}`)).toEqual(['x:ok', 'y:unreachable']);
});

it('a source out of budget keeps what it read, marked incomplete; the others stay complete', async () => {
  const slow = new SlowSource(await rootSource('x').then((s) => s.collect()));
  const started = Date.now();
  const scan = await scanCluster(
    { sources: [slow, await rootSource('other')], clock, graceMs: 1000 },
    { cluster: 'c4', timeoutMs: 100 },
  );
  expect(Date.now() - started).toBeLessThan(1000);
  expect(scan.sources).toEqual([
    { name: 'slow', status: 'incomplete' },
    { name: 'other', status: 'complete' },
  ]);
  expect(scan.status).toBe('partial');
  expect(scan.assessment.certificates).toHaveLength(2); // the slow source's root is kept
  const spots = scan.assessment.findings.filter((f) => f.rule === 'blind_spot');
  expect(spots.map((f) => f.source?.name)).toEqual(['next']);
});

it('gives the fleet check a trust summary only when every mesh source was read completely', async () => {
  const empty = { materials: [], signals: [], failures: [] };
  const failing = (source: string): CollectResult => ({
    ...empty,
    failures: [
      { source, location: { kind: 'ConfigMap', name: 'x' }, reason: 'server_error', detail: 'HTTP 503' },
    ],
  });
  const scanWith = (linkerd: CollectResult, certManager: CollectResult) => {
    const sources = [
      new FixedSource('istio', empty),
      new FixedSource('linkerd', linkerd),
      new FixedSource('cert-manager', certManager),
    ];
    return scanCluster({ sources, clock }, { cluster: 'c' });
  };
  expect(fleetTrustSummary(await scanWith(empty, empty), NOW)).toBeDefined();
  const meshPartial = await scanWith(failing('linkerd'), empty);
  expect(meshPartial.status).toBe('partial');
  expect(fleetTrustSummary(meshPartial, NOW)).toBeUndefined(); // the last stored summary stands
  const otherPartial = await scanWith(empty, failing('cert-manager'));
  expect(otherPartial.status).toBe('partial');
  expect(fleetTrustSummary(otherPartial, NOW)).toBeDefined(); // the meshes were read completely
});
