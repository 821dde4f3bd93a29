/**
 * Linked clusters, two at a time: Istio multi-primary (one mesh id, remote secrets naming each
 * other) with distinct roots, a shared root, or a rotated root not yet distributed; two clusters
 * on the default trust domain that nothing links; Linkerd clusters joined by a `Link`; Consul
 * peers holding each other's roots. Remote secrets carry a canary key in their data: it is never
 * requested (metadata-only list), so it must never appear anywhere.
 */
import { dump } from 'js-yaml';
import { type MintedCert, mint } from '#support/mint';
import type { ProxyHandler, SimObject } from '../types';
import {
  configMap,
  namespace,
  pems,
  type ScenarioBundle,
  secret,
  service,
  validity,
  workload,
} from './objects';

const ISTIO_NS = 'istio-system';

/** A root (valid 10 years from `fromDays`). */
function root(now: Date, cn: string, fromDays: number): Promise<MintedCert> {
  return mint({
    subject: `CN=${cn},O=cluster.local`,
    isCA: true,
    ...validity(now, fromDays, fromDays + 3650),
  });
}

interface IstioCluster {
  readonly name: string;
  /** The root the intermediate is signed by. */
  readonly signingRoot: MintedCert;
  /** Every root in the cluster's bundle (root-cert.pem, istio-ca-root-cert). */
  readonly bundle: readonly MintedCert[];
  readonly meshId?: string;
  /** Clusters this one has remote secrets for. */
  readonly remotes?: readonly string[];
  /** meshConfig.trustDomain; unset = Istio's default `cluster.local` (the ConfigMap says nothing). */
  readonly trustDomain?: string;
  readonly trustDomainAliases?: readonly string[];
}

/** A remote secret as `istioctl create-remote-secret` writes it: a kubeconfig with credentials. */
function remoteSecret(target: string, credential: MintedCert): SimObject {
  const kubeconfig = dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: target, cluster: { server: `https://${target}.example:6443` } }],
    users: [{ name: target, user: { 'client-key-data': Buffer.from(credential.keyPem).toString('base64') } }],
  });
  const base = secret(ISTIO_NS, `istio-remote-secret-${target}`, { [target]: kubeconfig });
  return {
    ...base,
    metadata: {
      ...base.metadata,
      labels: { 'istio/multiCluster': 'true' },
      annotations: { 'networking.istio.io/cluster': target },
    },
  };
}

async function istioCluster(now: Date, spec: IstioCluster): Promise<ScenarioBundle> {
  const intermediate = await mint({
    subject: `CN=Intermediate ${spec.name},O=cluster.local`,
    issuer: spec.signingRoot,
    isCA: true,
    ...validity(now, -1, 700),
  });
  const credential = await mint({ subject: `CN=remote-${spec.name}`, ...validity(now, -1, 365) });
  const bundle = pems(...spec.bundle);
  const mesh = dump({
    ...(spec.trustDomain ? { trustDomain: spec.trustDomain } : {}),
    ...(spec.trustDomainAliases ? { trustDomainAliases: spec.trustDomainAliases } : {}),
    ...(spec.meshId ? { defaultConfig: { meshId: spec.meshId } } : {}),
  });
  const values = JSON.stringify({
    global: {
      meshID: spec.meshId ?? '',
      multiCluster: { clusterName: spec.name },
      network: `net-${spec.name}`,
    },
  });
  const remotes = (spec.remotes ?? []).map((t) => remoteSecret(t, credential));
  return {
    scenario: {
      name: spec.name,
      objects: [
        namespace(ISTIO_NS),
        workload('Deployment', ISTIO_NS, 'istiod'),
        secret(ISTIO_NS, 'cacerts', {
          'ca-cert.pem': intermediate.pem,
          'ca-key.pem': intermediate.keyPem,
          'cert-chain.pem': pems(intermediate, spec.signingRoot),
          'root-cert.pem': bundle,
        }),
        configMap(ISTIO_NS, 'istio-ca-root-cert', { 'root-cert.pem': bundle }),
        configMap(ISTIO_NS, 'istio', { mesh }),
        configMap(ISTIO_NS, 'istio-sidecar-injector', { values, config: '' }),
        ...remotes,
      ],
    },
    canaries: [intermediate.keyPem, ...(remotes.length > 0 ? [credential.keyPem] : [])],
    certs: {
      intermediate,
      signingRoot: spec.signingRoot,
      ...Object.fromEntries(spec.bundle.map((r, i) => [`bundle${i}`, r])),
    },
  };
}

/** How the two Istio clusters' roots relate. */
export type IstioPairMode =
  | 'distinct-roots'
  | 'shared-root'
  | 'rotation-undistributed'
  | 'rotation-distributed'
  | 'unlinked';

/**
 * Two Istio primaries `east` and `west` of mesh `mesh1` with remote secrets for each other
 * (`unlinked`: no mesh id and no remote secret, distinct roots, default trust domain).
 */
export async function istioPair(now: Date, mode: IstioPairMode): Promise<[ScenarioBundle, ScenarioBundle]> {
  const oldRoot = await root(now, 'Mesh Root', -400);
  const newRoot = await root(now, 'Mesh Root 2027', -2);
  const westRoot =
    mode === 'distinct-roots' || mode === 'unlinked' ? await root(now, 'West Root', -100) : oldRoot;
  const linked = mode !== 'unlinked';
  const eastBundle = mode.startsWith('rotation') ? [newRoot, oldRoot] : [oldRoot];
  const westBundle = mode === 'rotation-distributed' ? [newRoot, oldRoot] : [westRoot];
  const links = (other: string) =>
    linked ? { meshId: 'mesh1', remotes: [other] } : { remotes: [] as string[] };
  return [
    await istioCluster(now, {
      name: 'east',
      signingRoot: oldRoot,
      bundle: eastBundle,
      ...links('west'),
    }),
    await istioCluster(now, {
      name: 'west',
      signingRoot: westRoot,
      bundle: westBundle,
      ...links('east'),
    }),
  ];
}

/** How the trust domains of two linked Istio clusters relate. */
export type TrustDomainMode = 'refused-both-ways' | 'refused-one-way' | 'aliased';

/**
 * Istio primaries `east` (trust domain east.example) and `west` (Istio's default, cluster.local)
 * of mesh `mesh1`, sharing one root: `aliased` — each lists the other's trust domain as an alias;
 * `refused-one-way` — only east does; `refused-both-ways` — neither does.
 */
export async function istioTrustDomainPair(
  now: Date,
  mode: TrustDomainMode,
): Promise<[ScenarioBundle, ScenarioBundle]> {
  const shared = await root(now, 'Mesh Root', -400);
  const common = { signingRoot: shared, bundle: [shared], meshId: 'mesh1' };
  return [
    await istioCluster(now, {
      ...common,
      name: 'east',
      trustDomain: 'east.example',
      ...(mode !== 'refused-both-ways' ? { trustDomainAliases: ['cluster.local'] } : {}),
      remotes: ['west'],
    }),
    await istioCluster(now, {
      ...common,
      name: 'west',
      ...(mode === 'aliased' ? { trustDomainAliases: ['east.example'] } : {}),
      remotes: ['east'],
    }),
  ];
}

/** A Linkerd cluster: anchors bundle, issuer under `signing`, and a Link per target. */
async function linkerdCluster(
  now: Date,
  name: string,
  signing: MintedCert,
  anchors: readonly MintedCert[],
  targets: readonly string[],
): Promise<ScenarioBundle> {
  const ns = 'linkerd';
  const issuer = await mint({
    subject: 'CN=identity.linkerd.cluster.local',
    issuer: signing,
    isCA: true,
    pathLen: 0,
    ...validity(now, -1, 360),
  });
  const links: SimObject[] = targets.map((target) => ({
    apiVersion: 'multicluster.linkerd.io/v1alpha3',
    kind: 'Link',
    metadata: { name: target, namespace: 'linkerd-multicluster' },
    spec: {
      targetClusterName: target,
      targetClusterDomain: 'cluster.local',
      gatewayAddress: `${target}.example`,
    },
  }));
  return {
    scenario: {
      name,
      objects: [
        namespace(ns),
        namespace('linkerd-multicluster'),
        workload('Deployment', ns, 'linkerd-identity'),
        configMap(ns, 'linkerd-identity-trust-roots', { 'ca-bundle.crt': pems(...anchors) }),
        secret(ns, 'linkerd-identity-issuer', { 'crt.pem': issuer.pem, 'key.pem': issuer.keyPem }),
        ...links,
      ],
      crds: ['multicluster.linkerd.io'],
    },
    canaries: [issuer.keyPem],
    certs: { issuer, signing },
  };
}

/** Linkerd `north` with a Link to `south`; `shared`: one anchor for both, else one each. */
export async function linkerdLinkedPair(
  now: Date,
  shared: boolean,
): Promise<[ScenarioBundle, ScenarioBundle]> {
  const anchor = await mint({
    subject: 'CN=root.linkerd.cluster.local',
    isCA: true,
    ...validity(now, -30, 3600),
  });
  const other = shared
    ? anchor
    : await mint({ subject: 'CN=root.linkerd.cluster.local', isCA: true, ...validity(now, -10, 3600) });
  return [
    await linkerdCluster(now, 'north', anchor, [anchor], ['south']),
    await linkerdCluster(now, 'south', other, [other], []),
  ];
}

/** A Consul server answering the roots and the peerings. */
async function consulCluster(
  now: Date,
  name: string,
  trustDomain: string,
  roots: { active: MintedCert; previous?: MintedCert },
  peers: { name: string; trustDomain: string; held: readonly MintedCert[] }[],
): Promise<ScenarioBundle> {
  const signing = await mint({
    subject: `CN=pri-${name}.consul.ca`,
    issuer: roots.active,
    isCA: true,
    uris: [`spiffe://${trustDomain}`],
    ...validity(now, -1, 300),
  });
  const rootsBody = JSON.stringify({
    ActiveRootID: 'active',
    TrustDomain: trustDomain,
    Roots: [
      { ID: 'active', RootCert: roots.active.pem, IntermediateCerts: [signing.pem], Active: true },
      ...(roots.previous
        ? [{ ID: 'previous', RootCert: roots.previous.pem, IntermediateCerts: null, Active: false }]
        : []),
    ],
  });
  const peeringsBody = JSON.stringify(
    peers.map((p) => ({
      ID: `${name}-${p.name}`,
      Name: p.name,
      State: 'ACTIVE',
      PeerID: `id-${p.name}`,
      PeerCAPems: p.held.map((c) => c.pem),
      PeerServerName: `server.dc1.peering.${p.trustDomain}`,
      PeerServerAddresses: ['10.0.0.1:8503'],
    })),
  );
  const handler: ProxyHandler = (request) =>
    request.path === '/v1/connect/ca/roots'
      ? rootsBody
      : request.path === '/v1/peerings'
        ? peeringsBody
        : { status: 404, body: `no route ${request.path}` };
  return {
    scenario: {
      name,
      objects: [
        namespace('consul'),
        service('consul', 'consul-server', 8500),
        workload('StatefulSet', 'consul', 'consul-server'),
      ],
      proxies: [{ kind: 'service', namespace: 'consul', name: 'consul-server', port: 8500, handler }],
    },
    canaries: [],
    certs: { active: roots.active, signing, ...(roots.previous ? { previous: roots.previous } : {}) },
  };
}

/**
 * Consul `dc-a` and `dc-b` peered both ways. `dc-a` rotated its root: `dc-b` still holds only
 * its previous root (a stale copy); `dc-a` holds `dc-b`'s current root.
 */
export async function consulPeers(now: Date): Promise<[ScenarioBundle, ScenarioBundle]> {
  const aPrevious = await root(now, 'Consul A old', -800);
  const aActive = await root(now, 'Consul A', -1);
  const bRoot = await root(now, 'Consul B', -200);
  const [tdA, tdB] = [
    'aaaaaaaa-0000-0000-0000-000000000001.consul',
    'bbbbbbbb-0000-0000-0000-000000000002.consul',
  ];
  return [
    await consulCluster(now, 'dc-a', tdA, { active: aActive, previous: aPrevious }, [
      { name: 'peer-b', trustDomain: tdB, held: [bRoot] },
    ]),
    await consulCluster(now, 'dc-b', tdB, { active: bRoot }, [
      { name: 'peer-a', trustDomain: tdA, held: [aPrevious] },
    ]),
  ];
}
