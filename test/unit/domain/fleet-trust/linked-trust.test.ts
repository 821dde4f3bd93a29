/** The fleet trust rule over hand-built trust summaries (pure; fixed now). */
import {
  linkedClusters,
  linkedTrust,
  MAX_ANCHORS_PER_MESH,
  MAX_LINKS_PER_MESH,
  MAX_PEER_ROOTS,
  type MeshTrust,
  type TrustAnchor,
  type TrustSummary,
  trustGroups,
} from '#domain/fleet-trust';

const NOW = new Date('2026-06-01T00:00:00Z');
const day = (d: number) => new Date(NOW.getTime() + d * 86_400_000).toISOString();

const anchor = (fp: string, from: number, to: number, signing = false): TrustAnchor => ({
  fingerprint: fp.padEnd(64, '0'),
  subject: `CN=${fp}`,
  notBefore: day(from),
  notAfter: day(to),
  ...(signing ? { signing: true } : {}),
});
const OLD = anchor('aa', -400, 300, true);
const NEW = anchor('bb', -2, 3000);
const NEW_SIGNING = anchor('bb', -2, 3000, true);
const OTHER = anchor('cc', -100, 3000, true);
const EXPIRED = anchor('dd', -900, -1, true);

function cluster(id: string, ...meshes: MeshTrust[]): TrustSummary {
  return { cluster: `${id}@https://${id}`, name: id, at: NOW.toISOString(), meshes };
}
const istio = (anchors: TrustAnchor[], extra: Partial<MeshTrust> = {}): MeshTrust => ({
  mesh: 'istio',
  trustDomain: 'cluster.local',
  anchors,
  links: [],
  ...extra,
});
const linkerd = (anchors: TrustAnchor[], targets: string[] = []): MeshTrust => ({
  mesh: 'linkerd',
  trustDomain: 'cluster.local',
  anchors,
  links: targets.map((t) => ({ via: 'linkerd-link', target: t, object: `linkerd-multicluster/${t}` })),
});

const rulesOf = (found: Map<string, { severity: string; rule: string }[]>, id: string) =>
  (found.get(`${id}@https://${id}`) ?? []).map((f) => `${f.severity}:${f.rule}`).sort();

describe('linkedTrust', () => {
  const cases: [string, TrustSummary[], Record<string, string[]>][] = [
    [
      'one mesh id, different roots: critical on both',
      [cluster('east', istio([OLD], { meshId: 'm1' })), cluster('west', istio([OTHER], { meshId: 'm1' }))],
      { east: ['critical:trust_domain_root_mismatch'], west: ['critical:trust_domain_root_mismatch'] },
    ],
    [
      'one mesh id, a shared root: nothing',
      [cluster('east', istio([OLD], { meshId: 'm1' })), cluster('west', istio([OLD], { meshId: 'm1' }))],
      { east: [], west: [] },
    ],
    [
      'mid-rotation, both bundles hold old and new: nothing',
      [
        cluster('east', istio([NEW_SIGNING, OLD], { meshId: 'm1' })),
        cluster('west', istio([NEW, OLD], { meshId: 'm1' })),
      ],
      { east: [], west: [] },
    ],
    [
      'a new root not yet distributed: warning on both',
      [cluster('east', istio([NEW, OLD], { meshId: 'm1' })), cluster('west', istio([OLD], { meshId: 'm1' }))],
      { east: ['warning:linked_root_not_distributed'], west: ['warning:linked_root_not_distributed'] },
    ],
    [
      'a new root already issuing and missing on the other side: critical on both',
      [
        cluster('east', istio([NEW_SIGNING, anchor('aa', -400, 300)], { meshId: 'm1' })),
        cluster('west', istio([OLD], { meshId: 'm1' })),
      ],
      { east: ['critical:linked_root_not_distributed'], west: ['critical:linked_root_not_distributed'] },
    ],
    [
      'only an expired root in common: critical',
      [
        cluster('east', istio([EXPIRED, OLD], { meshId: 'm1' })),
        cluster('west', istio([EXPIRED, OTHER], { meshId: 'm1' })),
      ],
      { east: ['critical:trust_domain_root_mismatch'], west: ['critical:trust_domain_root_mismatch'] },
    ],
    [
      'default trust domain, no mesh id, no link: never compared',
      [cluster('east', istio([OLD])), cluster('west', istio([OTHER]))],
      { east: [], west: [] },
    ],
    [
      'different mesh ids: never compared',
      [cluster('east', istio([OLD], { meshId: 'm1' })), cluster('west', istio([OTHER], { meshId: 'm2' }))],
      { east: [], west: [] },
    ],
    [
      'a Linkerd Link to a cluster with another anchor: critical on both',
      [cluster('east', linkerd([OLD], ['west'])), cluster('west', linkerd([OTHER]))],
      { east: ['critical:trust_domain_root_mismatch'], west: ['critical:trust_domain_root_mismatch'] },
    ],
    [
      'a Link to an unknown cluster: nothing',
      [cluster('east', linkerd([OLD], ['north'])), cluster('west', linkerd([OTHER]))],
      { east: [], west: [] },
    ],
    [
      'one mesh id, trust domains that accept each other through aliases: nothing',
      [
        cluster(
          'east',
          istio([OLD], { meshId: 'm1', trustDomain: 'east.example', trustDomainAliases: ['cluster.local'] }),
        ),
        cluster('west', istio([OLD], { meshId: 'm1', trustDomainAliases: ['east.example'] })),
      ],
      { east: [], west: [] },
    ],
    [
      'one mesh id, west does not accept east.example: critical on both',
      [
        cluster(
          'east',
          istio([OLD], { meshId: 'm1', trustDomain: 'east.example', trustDomainAliases: ['cluster.local'] }),
        ),
        cluster('west', istio([OLD], { meshId: 'm1' })),
      ],
      { east: ['critical:trust_domain_not_accepted'], west: ['critical:trust_domain_not_accepted'] },
    ],
    [
      'a trust domain unknown on one side (mesh config not read): not compared',
      [
        cluster('east', istio([OLD], { meshId: 'm1', trustDomain: 'east.example' })),
        cluster('west', { mesh: 'istio', anchors: [OLD], links: [], meshId: 'm1' }),
      ],
      { east: [], west: [] },
    ],
    [
      'a side whose anchors were not read is not judged',
      [cluster('east', linkerd([OLD], ['west'])), cluster('west', linkerd([]))],
      { east: [], west: [] },
    ],
  ];
  it.each(cases)('%s', (_name, summaries, expected) => {
    const found = linkedTrust(summaries, { now: NOW });
    for (const [id, rules] of Object.entries(expected)) expect(rulesOf(found, id)).toEqual(rules);
  });

  it('a link with a partially read cluster: a blind spot on both sides instead of a verdict', () => {
    const summaries = [
      cluster('east', istio([OLD], { meshId: 'm1' })),
      cluster('west', istio([OTHER], { meshId: 'm1' })),
    ];
    const found = linkedTrust(summaries, { now: NOW, partial: new Set(['west@https://west']) });
    expect([rulesOf(found, 'east'), rulesOf(found, 'west')]).toEqual([
      ['warning:blind_spot'],
      ['warning:blind_spot'],
    ]);
    expect(found.get('east@https://east')?.[0]?.message).toContain("west's mesh sources were not all read");
    expect(found.get('west@https://west')?.[0]?.message).toContain(
      "this cluster's mesh sources were not all read",
    );
  });

  it('names the peer, the link and the steps; keys on the peer id', () => {
    const found = linkedTrust(
      [cluster('east', istio([NEW, OLD], { meshId: 'm1' })), cluster('west', istio([OLD], { meshId: 'm1' }))],
      { now: NOW },
    );
    const [west] = found.get('west@https://west') ?? [];
    expect(west?.message).toContain('linked cluster east (mesh id m1)');
    expect(west?.fingerprint).toBe(NEW.fingerprint);
    expect(west?.source).toEqual({ kind: 'LinkedCluster', name: 'east@https://east', key: 'istio' });
    expect(west?.remediation).toContain('root-cert.pem');
  });

  it('configured mesh groups link what discovery cannot see', () => {
    const summaries = [cluster('east', istio([OLD])), cluster('west', istio([OTHER]))];
    expect(linkedTrust(summaries, { now: NOW }).size).toBe(0);
    const found = linkedTrust(summaries, {
      now: NOW,
      groups: [{ name: 'prod', mesh: 'istio', clusters: ['east', 'west@https://west'] }],
    });
    expect(rulesOf(found, 'east')).toEqual(['critical:trust_domain_root_mismatch']);
  });

  it('an ambiguous link target (two clusters of that name) links nothing', () => {
    const a = cluster('west', linkerd([OTHER]));
    const b = { ...cluster('west', linkerd([OTHER])), cluster: 'west@https://elsewhere' };
    expect(linkedClusters([cluster('east', linkerd([OLD], ['west'])), a, b]).links).toEqual([]);
  });

  describe('Consul peerings', () => {
    const consul = (anchors: TrustAnchor[], peer?: { name: string; roots: string[] }): MeshTrust => ({
      mesh: 'consul',
      trustDomain: `${anchors[0]?.fingerprint.slice(0, 4)}.consul`,
      anchors,
      links: peer
        ? [
            {
              via: 'consul-peering',
              target: peer.name,
              object: peer.name,
              state: 'ACTIVE',
              peerRoots: peer.roots,
            },
          ]
        : [],
    });
    it('a peer holding an old copy of our roots: info on the owner', () => {
      const found = linkedTrust(
        [
          cluster('dc1', consul([NEW_SIGNING, anchor('aa', -400, 300)])),
          cluster('dc2', consul([OTHER], { name: 'dc1', roots: [OLD.fingerprint] })),
        ],
        { now: NOW },
      );
      expect(rulesOf(found, 'dc1')).toEqual(['info:consul_peer_roots_stale']);
      expect(rulesOf(found, 'dc2')).toEqual([]);
    });
    it('a peer holding none of our roots: critical on both', () => {
      const found = linkedTrust(
        [
          cluster('dc1', consul([OLD])),
          cluster('dc2', consul([OTHER], { name: 'dc1', roots: [EXPIRED.fingerprint] })),
        ],
        { now: NOW },
      );
      expect(rulesOf(found, 'dc1')).toEqual(['critical:trust_domain_root_mismatch']);
      expect(rulesOf(found, 'dc2')).toEqual(['critical:trust_domain_root_mismatch']);
    });
    it('a current copy: nothing; peers never need a shared root', () => {
      const found = linkedTrust(
        [
          cluster('dc1', consul([OLD])),
          cluster('dc2', consul([OTHER], { name: 'dc1', roots: [OLD.fingerprint] })),
        ],
        { now: NOW },
      );
      expect(found.size).toBe(0);
    });
  });
});

describe('trustGroups', () => {
  it('groups linked clusters per mesh and shows the rotation in flight', () => {
    const { groups } = trustGroups(
      [
        cluster('east', istio([NEW, OLD], { meshId: 'm1' })),
        cluster('west', istio([OLD], { meshId: 'm1' })),
        cluster('lonely', istio([OTHER])),
      ],
      { now: NOW },
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]?.members.map((m) => m.name)).toEqual(['east', 'west']);
    expect(groups[0]?.why).toEqual(['mesh id m1']);
    expect(groups[0]?.rotations).toEqual([{ anchor: NEW, holders: ['east'], missing: ['west'] }]);
  });
});

describe('trust summary bounds', () => {
  it('a summary at every bound stays far under the 400 KB DynamoDB item limit', () => {
    const long = 'x'.repeat(253);
    const mesh = (m: 'istio' | 'linkerd' | 'consul'): MeshTrust => ({
      mesh: m,
      trustDomain: long,
      meshId: long,
      trustDomainAliases: Array.from({ length: 16 }, () => long),
      clusterName: long,
      anchors: Array.from({ length: MAX_ANCHORS_PER_MESH }, () => ({ ...OLD, subject: long })),
      links: Array.from({ length: MAX_LINKS_PER_MESH }, () => ({
        via: 'consul-peering' as const,
        target: long,
        targetTrustDomain: long,
        object: long,
        state: 'ACTIVE',
        peerRoots: Array.from({ length: MAX_PEER_ROOTS }, () => OLD.fingerprint),
      })),
    });
    const summary = { ...cluster(long), meshes: [mesh('istio'), mesh('linkerd'), mesh('consul')] };
    expect(JSON.stringify(summary).length).toBeLessThan(300_000);
  });
});
