/**
 * Every documented metric is emitted as CloudWatch will read it: the EMF documents Powertools
 * writes to stdout are captured from the scan path (processScanMessage), the dispatcher's
 * publishDispatchMetrics and the digest run (deliverDigest), and each (name, unit, dimensions) is
 * checked against FLEET_METRICS and PER_CLUSTER_METRICS (env-names.ts: what README "Cost" and
 * scripts/cost-model.ts count). `detailedMetrics` adds the per-cluster copies, and only it does.
 */
import type { DispatchResult } from '#app/dispatch';
import { FLEET_METRICS, METRICS_NAMESPACE, type MetricSeries, PER_CLUSTER_METRICS } from '#config/env-names';
import { metrics } from '#config/observability';
import { deliverDigest } from '#handlers/digest-delivery';
import { publishDispatchMetrics } from '#handlers/dispatch-metrics';
import { processScanMessage, type ScanSetup } from '#handlers/scan-message';
import { FixedClock } from '#support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '#support/fakes/in-memory-history-store';
import { RecordingNotifier } from '#support/fakes/recording-notifier';
import { materialOf } from '#support/materials';
import { mintChain } from '#support/mint';

interface EmfDocument {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** Runs `work`, returning the EMF documents written to stdout meanwhile (other lines pass through). */
async function captureEmf(work: () => Promise<unknown>): Promise<EmfDocument[]> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.filter((l) => l.startsWith('{"_aws"')).map((l) => JSON.parse(l) as EmfDocument);
}

/** Each metric of each document as `name|unit|dim=value,…` (dimension `service` included). */
function series(docs: EmfDocument[]): string[] {
  return docs.flatMap((doc) =>
    doc._aws.CloudWatchMetrics.flatMap((directive) =>
      directive.Dimensions.flatMap((dims) =>
        directive.Metrics.map((m) => {
          expect(directive.Namespace).toBe(METRICS_NAMESPACE);
          expect(typeof doc[m.Name]).toBe('number');
          const values = dims.map((d) => `${d}=${String(doc[d])}`).sort();
          return `${m.Name}|${m.Unit}|${values.join(',')}`;
        }),
      ),
    ),
  );
}

const expected = (list: readonly MetricSeries[], extra: Record<string, string> = {}) =>
  list.map((s) => {
    const dims = { service: 'certwatch', ...s.dimensions, ...extra };
    const values = Object.entries(dims)
      .map(([k, v]) => `${k}=${v}`)
      .sort();
    return `${s.name}|${s.unit}|${values.join(',')}`;
  });

const NOW = new Date('2030-01-01T00:00:00Z');
const CLUSTER = 'eks:111111111111:eu-west-1:prod';

async function scanSetup(detailedMetrics: boolean): Promise<ScanSetup> {
  const chain = await mintChain({ now: NOW });
  const clock = new FixedClock(NOW);
  const material = materialOf([chain.leaf, ...chain.intermediates, chain.root], { name: 'cacerts' });
  return {
    record: { store: new InMemoryHistoryStore(), notifiers: [], clock },
    timeoutMs: 5_000,
    detailedMetrics,
    connect: async () => ({
      clock,
      sources: [
        { name: 'istio', collect: async () => ({ materials: [material], signals: [], failures: [] }) },
      ],
    }),
  };
}

/** Digest deps with two channels; `down` of them fail their next send. */
function digestSetup(down: readonly string[]) {
  const notifiers = ['slack', 'sns'].map((channel) => new RecordingNotifier(channel));
  for (const n of notifiers) if (down.includes(n.channel)) n.failNext = 1;
  return { store: new InMemoryHistoryStore(), notifiers, clock: new FixedClock(NOW) };
}

const body = JSON.stringify({ name: 'prod', region: 'eu-west-1', account: '111111111111' });
const dispatched: DispatchResult = { targets: [], dispatched: [], sendFailures: [], discoveryFailures: [] };

describe('EMF metrics', () => {
  beforeAll(() => jest.spyOn(console, 'info').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('a scan, a dispatch (with discovery) and a digest publish exactly FLEET_METRICS, fleet-wide', async () => {
    const setup = await scanSetup(false);
    const scan = await captureEmf(() => processScanMessage(setup, body));
    const failed = await captureEmf(() => processScanMessage(setup, '{"name":""}'));
    const dispatch = await captureEmf(async () => publishDispatchMetrics(metrics, dispatched, true));
    const digest = await captureEmf(() => deliverDigest(digestSetup([])));
    const seen = new Set([...series(scan), ...series(failed), ...series(dispatch), ...series(digest)]);
    expect([...seen].sort()).toEqual(expected(FLEET_METRICS).sort());
    // The values: one success, three levels' minimum days left, no failed source.
    const byName = (name: string, docs: EmfDocument[]) => docs.filter((d) => name in d).map((d) => d[name]);
    expect(byName('ScanSucceeded', scan)).toEqual([1]);
    expect(byName('ScanFailed', failed)).toEqual([1]);
    expect(byName('SourcesFailed', scan)).toEqual([0]);
    expect(
      scan
        .filter((d) => 'DaysLeft' in d)
        .map((d) => d.level)
        .sort(),
    ).toEqual(['intermediate', 'leaf', 'root']);
  });

  it('the dispatcher publishes DiscoveryFailures only with discovery configured', async () => {
    const without = series(await captureEmf(async () => publishDispatchMetrics(metrics, dispatched, false)));
    expect(without).toEqual(['ClustersDispatched|Count|service=certwatch']);
  });

  it('detailedMetrics adds each scan metric per cluster (dimension cluster = the cluster id)', async () => {
    const plain = series(await captureEmf(async () => processScanMessage(await scanSetup(false), body)));
    expect(plain.some((s) => s.includes('cluster='))).toBe(false);
    const detailed = series(await captureEmf(async () => processScanMessage(await scanSetup(true), body)));
    const perCluster = detailed.filter((s) => s.includes(`cluster=${CLUSTER}`));
    const ok = expected(PER_CLUSTER_METRICS, { cluster: CLUSTER }).filter((s) => !s.startsWith('ScanFailed'));
    expect(perCluster.sort()).toEqual(ok.sort());
    expect(detailed.filter((s) => !s.includes('cluster=')).sort()).toEqual(plain.sort());
  });

  it('a digest Slack refused but SNS took publishes 1 failed channel, fleet-wide, and resolves', async () => {
    const deps = digestSetup(['slack']);
    let run: Awaited<ReturnType<typeof deliverDigest>> | undefined;
    const docs = await captureEmf(async () => {
      run = await deliverDigest(deps);
    });
    expect(run).toEqual({ delivered: ['sns'], failed: ['slack'] }); // not an error: no retry, no DigestErrors
    expect(deps.notifiers.map((n) => n.digests.length)).toEqual([0, 1]);
    expect(series(docs)).toEqual(['DigestChannelsFailed|Count|service=certwatch']);
    expect(docs.map((d) => d.DigestChannelsFailed)).toEqual([1]);
  });

  it('a digest every channel took publishes 0 failed channels', async () => {
    const docs = await captureEmf(() => deliverDigest(digestSetup([])));
    expect(docs.map((d) => d.DigestChannelsFailed)).toEqual([0]);
  });

  it('a digest no channel took publishes its failed channels (2) before the invocation fails', async () => {
    let error: unknown;
    const docs = await captureEmf(() =>
      deliverDigest(digestSetup(['slack', 'sns'])).catch((e: unknown) => {
        error = e;
      }),
    );
    expect(String(error)).toContain('digest not delivered: slack: slack is down; sns: sns is down');
    expect(docs.map((d) => d.DigestChannelsFailed)).toEqual([2]);
  });
});
