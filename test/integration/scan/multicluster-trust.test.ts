/**
 * Linked clusters through the real CLI, scanned together: Istio multi-primary (one mesh id,
 * remote secrets) with distinct roots, a shared root, a rotated root not yet distributed and one
 * distributed; two clusters on the default trust domain that nothing links; Linkerd clusters
 * joined by a Link; Consul peers holding a stale copy. Remote secrets are listed as metadata only
 * and their credentials never appear in any output.
 */
import type { Finding } from '#domain/model';
import type { JsonReport } from '#domain/report';
import { type Simulator, startSimulator } from '#simulator';
import {
  consulPeers,
  istioPair,
  istioTrustDomainPair,
  linkerdLinkedPair,
} from '#simulator/scenarios/multicluster';
import type { ScenarioBundle } from '#simulator/scenarios/objects';
import type { Fault } from '#simulator/types';
import { canaryLines, clusterOf, kubeconfigFor, removeDir, runCli, scanArgs, stopAll } from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
const TRUST_RULES = [
  'trust_domain_root_mismatch',
  'linked_root_not_distributed',
  'consul_peer_roots_stale',
  'trust_domain_not_accepted',
];

interface PairRun {
  readonly report: JsonReport;
  readonly code: number;
  readonly output: string;
  readonly sims: Simulator[];
}

async function scanPair(
  bundles: readonly ScenarioBundle[],
  extra: readonly string[] = [],
  faults: readonly (readonly Fault[])[] = [],
): Promise<PairRun> {
  const sims = await Promise.all(
    bundles.map((b, i) => startSimulator({ scenario: b.scenario, faults: faults[i] ?? [] })),
  );
  const kube = await kubeconfigFor(sims.map((s) => s.context('admin')));
  try {
    const run = await runCli(scanArgs(kube.path, { contexts: sims.map((s) => s.name), now: NOW }, ...extra));
    const output = run.stdout + run.stderr;
    for (const canary of bundles.flatMap((b) => b.canaries).flatMap(canaryLines))
      expect(output).not.toContain(canary);
    return { report: JSON.parse(run.stdout) as JsonReport, code: run.code, output, sims };
  } finally {
    await stopAll(sims);
    await removeDir(kube.dir);
  }
}

const trustFindings = (run: PairRun, cluster: string): Finding[] =>
  clusterOf(run.report, cluster).findings.filter((f) => TRUST_RULES.includes(f.rule)) as Finding[];
const rules = (run: PairRun, cluster: string) =>
  trustFindings(run, cluster).map((f) => `${f.severity}:${f.rule}`);

describe('Istio multi-primary', () => {
  it('one mesh id, different roots: critical on both clusters, exit 1', async () => {
    const run = await scanPair(await istioPair(NOW, 'distinct-roots'));
    expect(rules(run, 'east')).toEqual(['critical:trust_domain_root_mismatch']);
    expect(rules(run, 'west')).toEqual(['critical:trust_domain_root_mismatch']);
    expect(trustFindings(run, 'east')[0]?.message).toContain(
      'remote secret istio-system/istio-remote-secret-west in east',
    );
    expect(run.code).toBe(1);
    // Remote secrets were listed as metadata only, never read in full.
    const listed = run.sims
      .flatMap((s) => s.requests)
      .filter((r) => r.path === '/api/v1/namespaces/istio-system/secrets');
    expect(listed.length).toBeGreaterThan(0);
    for (const r of listed) expect(r.accept).toContain('as=PartialObjectMetadataList');
  }, 120_000);

  it('a shared root, or both bundles holding old and new roots: nothing', async () => {
    for (const mode of ['shared-root', 'rotation-distributed'] as const) {
      const run = await scanPair(await istioPair(NOW, mode));
      expect([mode, rules(run, 'east'), rules(run, 'west')]).toEqual([mode, [], []]);
    }
  }, 180_000);

  it('a rotated root not yet in the other cluster: a warning on both with the steps', async () => {
    const run = await scanPair(await istioPair(NOW, 'rotation-undistributed'));
    expect(rules(run, 'east')).toEqual(['warning:linked_root_not_distributed']);
    expect(rules(run, 'west')).toEqual(['warning:linked_root_not_distributed']);
    expect(trustFindings(run, 'west')[0]?.remediation).toContain('root-cert.pem');
  }, 120_000);

  it('default trust domain, no mesh id, no remote secret: never compared', async () => {
    const run = await scanPair(await istioPair(NOW, 'unlinked'));
    expect([rules(run, 'east'), rules(run, 'west')]).toEqual([[], []]);
  }, 120_000);

  it('a linked cluster read only in part: no verdict on the link, a blind spot on both sides', async () => {
    // east's cacerts is forbidden: its roots are known only from copies, so the pair is not judged.
    const forbidden: Fault = { path: '/api/v1/namespaces/istio-system/secrets/cacerts', status: 403 };
    const run = await scanPair(await istioPair(NOW, 'distinct-roots'), [], [[forbidden], []]);
    expect([rules(run, 'east'), rules(run, 'west')]).toEqual([[], []]);
    const about = (cluster: string, peer: string) =>
      clusterOf(run.report, cluster).findings.filter(
        (f) =>
          f.rule === 'blind_spot' &&
          f.source?.kind === 'LinkedCluster' &&
          f.source.name.startsWith(`${peer}@`),
      );
    const [onWest] = about('west', 'east');
    expect(onWest?.severity).toBe('warning');
    expect(onWest?.message).toMatch(
      /^Istio: trust between this cluster and linked cluster east \(mesh id mesh1, .*\) was not checked: east's mesh sources were not all read \(see its blind spots\)/,
    );
    expect(onWest?.remediation).toContain('cluster east');
    expect(about('east', 'west')[0]?.message).toContain("this cluster's mesh sources were not all read");
    // east says why: the Secret it could not read.
    expect(
      clusterOf(run.report, 'east').findings.some(
        (f) => f.rule === 'blind_spot' && f.source?.name === 'cacerts',
      ),
    ).toBe(true);
  }, 120_000);

  it('--mesh-group links what the clusters do not say', async () => {
    const run = await scanPair(await istioPair(NOW, 'unlinked'), ['--mesh-group', 'prod:istio=east,west']);
    expect(rules(run, 'east')).toEqual(['critical:trust_domain_root_mismatch']);
    expect(trustFindings(run, 'west')[0]?.message).toContain('mesh group prod');
  }, 120_000);
});

describe('Istio trust domains', () => {
  it('linked clusters on different trust domains without aliases: critical on both, each side told who refuses whom', async () => {
    const run = await scanPair(await istioTrustDomainPair(NOW, 'refused-one-way'));
    expect([rules(run, 'east'), rules(run, 'west')]).toEqual([
      ['critical:trust_domain_not_accepted'],
      ['critical:trust_domain_not_accepted'],
    ]);
    const [onWest] = trustFindings(run, 'west');
    expect(onWest?.message).toMatch(
      /^Istio: linked cluster east \(mesh id mesh1, .*\): this cluster does not accept its trust domain east\.example \(it accepts cluster\.local\), so its sidecars refuse east's workloads\.$/,
    );
    expect(trustFindings(run, 'east')[0]?.message).toContain(
      "it does not accept this cluster's trust domain east.example (it accepts cluster.local), so its sidecars refuse this cluster's workloads",
    );
    expect(onWest?.remediation).toContain(
      'Add "east.example" to trustDomainAliases in the mesh config of cluster west',
    );
    expect(run.code).toBe(1);

    const both = await scanPair(await istioTrustDomainPair(NOW, 'refused-both-ways'));
    const [east] = trustFindings(both, 'east');
    expect(east?.message).toContain(
      'this cluster does not accept its trust domain cluster.local (it accepts east.example)',
    );
    expect(east?.message).toContain("it does not accept this cluster's trust domain east.example");
  }, 180_000);

  it('each accepting the other through trustDomainAliases: nothing', async () => {
    const run = await scanPair(await istioTrustDomainPair(NOW, 'aliased'));
    expect([rules(run, 'east'), rules(run, 'west')]).toEqual([[], []]);
  }, 120_000);
});

describe('Linkerd multicluster', () => {
  it('a Link between clusters with different anchors: critical on both; one anchor: nothing', async () => {
    const split = await scanPair(await linkerdLinkedPair(NOW, false));
    expect(rules(split, 'north')).toEqual(['critical:trust_domain_root_mismatch']);
    expect(rules(split, 'south')).toEqual(['critical:trust_domain_root_mismatch']);
    expect(trustFindings(split, 'south')[0]?.message).toContain('Link linkerd-multicluster/south');
    const shared = await scanPair(await linkerdLinkedPair(NOW, true));
    expect([rules(shared, 'north'), rules(shared, 'south')]).toEqual([[], []]);
  }, 180_000);
});

describe('Consul peering', () => {
  it('a peer holding a stale copy of our roots: info on the owner', async () => {
    const run = await scanPair(await consulPeers(NOW));
    expect(rules(run, 'dc-a')).toEqual(['info:consul_peer_roots_stale']);
    expect(rules(run, 'dc-b')).toEqual([]);
  }, 120_000);
});
