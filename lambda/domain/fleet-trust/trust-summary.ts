/**
 * A cluster's trust summary: per linked mesh (Istio, Linkerd, Consul), who the mesh says the
 * cluster is (trust domain, mesh id), the trust anchors it holds with their validity and whether
 * it issues from them, and the links it declares to other clusters. Small and bounded: the
 * deployed stack stores one per cluster and judges the fleet from them. Pure.
 */
import { boundedText } from '../bounded-text';
import type { ClusterIdentity } from '../cluster-identity';
import type { AssessedCertificate, Assessment, CertificateFacts } from '../model';
import { parseMaterial } from '../parse';
import type { LinkedMesh, MeshIdentitySignal, MeshLinkKind, MeshLinkSignal, SourceSignal } from '../signals';

/** A root the cluster trusts for its mesh. Dates are ISO strings. */
export interface TrustAnchor {
  readonly fingerprint: string;
  readonly subject: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** The cluster's mesh CA issues from this root now (its issuer chains to it). */
  readonly signing?: boolean;
}

/** A link the cluster declares to another cluster. */
export interface TrustLink {
  readonly via: MeshLinkKind;
  /** The target as this cluster names it. */
  readonly target: string;
  readonly targetTrustDomain?: string;
  /** `namespace/name` of the object (or the Consul peering name). */
  readonly object: string;
  readonly state?: string;
  /** Consul: fingerprints of the peer's roots as this cluster holds them. */
  readonly peerRoots?: readonly string[];
}

/** One mesh of one cluster. */
export interface MeshTrust {
  readonly mesh: LinkedMesh;
  readonly trustDomain?: string;
  readonly meshId?: string;
  readonly trustDomainAliases?: readonly string[];
  /** The name the mesh gives the cluster (Istio multicluster clusterName). */
  readonly clusterName?: string;
  readonly anchors: readonly TrustAnchor[];
  readonly links: readonly TrustLink[];
}

/** A cluster's trust summary, as stored (one per cluster, replaced on every reached scan). */
export interface TrustSummary {
  /** ClusterIdentity.id. */
  readonly cluster: string;
  readonly name: string;
  readonly where?: string;
  /** When the scan that produced it ran (ISO). */
  readonly at: string;
  readonly meshes: readonly MeshTrust[];
}

/** Bounds that keep a stored summary under DynamoDB's 400 KB item limit (a unit test builds one at every bound). */
export const MAX_ANCHORS_PER_MESH = 16;
export const MAX_LINKS_PER_MESH = 32;
export const MAX_PEER_ROOTS = 8;
const MAX_NAME_CHARS = 253;

export const LINKED_MESHES: readonly LinkedMesh[] = ['istio', 'linkerd', 'consul'];

/** The role a mesh's trust anchors carry (sources name them; see classify-role). */
const ANCHOR_ROLES: Readonly<Record<LinkedMesh, string>> = {
  istio: 'istio-root',
  linkerd: 'linkerd-trust-anchor',
  consul: 'consul-root',
};

/** Where each mesh keeps its own CA objects: anchors seen there win over stray copies elsewhere. */
const HOME_NAMESPACE: Readonly<Partial<Record<LinkedMesh, string>>> = {
  istio: 'istio-system',
  linkerd: 'linkerd',
};

const name = (text: string) => boundedText(text, MAX_NAME_CHARS);

/** meshConfig.trustDomain when the mesh config sets none. */
export const ISTIO_DEFAULT_TRUST_DOMAIN = 'cluster.local';

/** The anchors of `mesh` in an assessment: the mesh's roots, those in its home namespace first. */
function anchorsOf(mesh: LinkedMesh, certificates: readonly AssessedCertificate[]): TrustAnchor[] {
  const roots = certificates.filter(
    (c) => c.mesh === mesh && c.level === 'root' && c.role === ANCHOR_ROLES[mesh],
  );
  const home = HOME_NAMESPACE[mesh];
  const atHome = roots.filter((c) => c.sources.some((s) => s.namespace === home));
  const chosen = atHome.length > 0 ? atHome : roots;
  const signing = signingAnchors(mesh, certificates);
  return chosen
    .map((c) => ({
      fingerprint: c.facts.fingerprint,
      subject: name(c.facts.subject),
      notBefore: c.facts.notBefore.toISOString(),
      notAfter: c.facts.notAfter.toISOString(),
      ...(signing.has(c.facts.fingerprint) ? { signing: true } : {}),
    }))
    .sort((a, b) => b.notBefore.localeCompare(a.notBefore))
    .slice(0, MAX_ANCHORS_PER_MESH);
}

/**
 * Roots the mesh CA issues from: the anchors its issuing intermediates chain to, and a root that
 * is itself the CA certificate (Istio's self-signed `istio-ca-secret` / `cacerts` `ca-cert.pem`).
 */
function signingAnchors(mesh: LinkedMesh, certificates: readonly AssessedCertificate[]): Set<string> {
  const out = new Set<string>();
  for (const c of certificates) {
    if (c.mesh !== mesh || !c.facts.isCA) continue;
    if (c.level === 'intermediate' && c.issuerFingerprint) out.add(c.chainId);
    if (c.level === 'root' && c.sources.some((s) => s.kind === 'Secret' && s.key === 'ca-cert.pem'))
      out.add(c.facts.fingerprint);
  }
  return out;
}

/** Fingerprints of the PEM roots a Consul peering holds (unparseable ones are skipped). */
function fingerprintsOf(pems: readonly string[], cache: Map<string, CertificateFacts>): string[] {
  const out = new Set<string>();
  for (const pem of pems.slice(0, MAX_PEER_ROOTS)) {
    for (const parsed of parseMaterial(pem, cache).certificates) out.add(parsed.facts.fingerprint);
  }
  return [...out].slice(0, MAX_PEER_ROOTS);
}

function linkOf(signal: MeshLinkSignal, cache: Map<string, CertificateFacts>): TrustLink {
  const object = signal.source.namespace
    ? `${signal.source.namespace}/${signal.source.name}`
    : signal.source.name;
  return {
    via: signal.via,
    target: name(signal.target),
    ...(signal.targetTrustDomain ? { targetTrustDomain: name(signal.targetTrustDomain) } : {}),
    object: name(object),
    ...(signal.state ? { state: name(signal.state) } : {}),
    ...(signal.peerRootsPem ? { peerRoots: fingerprintsOf(signal.peerRootsPem, cache) } : {}),
  };
}

function identityFields(mesh: LinkedMesh, signals: readonly SourceSignal[]) {
  const identity = signals.find(
    (s): s is MeshIdentitySignal => s.type === 'mesh-identity' && s.mesh === mesh,
  );
  const consul = mesh === 'consul' ? signals.find((s) => s.type === 'consul-ca') : undefined;
  // Istio's mesh config read without a trustDomain means Istio's default one.
  const trustDomain =
    identity?.trustDomain ??
    (consul?.type === 'consul-ca' ? consul.trustDomain : undefined) ??
    (identity && mesh === 'istio' ? ISTIO_DEFAULT_TRUST_DOMAIN : undefined);
  const aliases = (identity?.trustDomainAliases ?? []).slice(0, 16).map(name);
  return {
    ...(trustDomain ? { trustDomain: name(trustDomain) } : {}),
    ...(identity?.meshId ? { meshId: name(identity.meshId) } : {}),
    ...(aliases.length > 0 ? { trustDomainAliases: aliases } : {}),
    ...(identity?.clusterName ? { clusterName: name(identity.clusterName) } : {}),
  };
}

/** What one scan says about the cluster's trust (meshes with neither anchors, identity nor links are left out). */
export function trustSummaryOf(input: {
  readonly identity: ClusterIdentity;
  readonly assessment: Assessment;
  readonly signals: readonly SourceSignal[];
  readonly at: Date;
}): TrustSummary {
  const cache = new Map<string, CertificateFacts>();
  const meshes: MeshTrust[] = [];
  for (const mesh of LINKED_MESHES) {
    const anchors = anchorsOf(mesh, input.assessment.certificates);
    const links = input.signals
      .filter((s): s is MeshLinkSignal => s.type === 'mesh-link' && s.mesh === mesh)
      .slice(0, MAX_LINKS_PER_MESH)
      .map((s) => linkOf(s, cache));
    const identity = identityFields(mesh, input.signals);
    if (anchors.length === 0 && links.length === 0 && Object.keys(identity).length === 0) continue;
    meshes.push({ mesh, ...identity, anchors, links });
  }
  const { id, name: clusterName, where } = input.identity;
  return { cluster: id, name: clusterName, ...(where ? { where } : {}), at: input.at.toISOString(), meshes };
}

/** The anchors of `trust` valid at `now`. */
export function validAnchors(trust: MeshTrust, now: Date): TrustAnchor[] {
  const t = now.getTime();
  return trust.anchors.filter((a) => Date.parse(a.notBefore) <= t && t < Date.parse(a.notAfter));
}

/** Summaries older than this are left out of fleet judgements (a cluster no longer scanned). */
export const FRESH_SUMMARY_DAYS = 7;

/** The summaries recent enough to judge at `now`. */
export function freshSummaries(summaries: readonly TrustSummary[], now: Date): TrustSummary[] {
  const oldest = now.getTime() - FRESH_SUMMARY_DAYS * 86_400_000;
  return summaries.filter((s) => Date.parse(s.at) >= oldest);
}
