/**
 * The fleet trust rule: clusters that are linked must trust each other's roots. One function for
 * the CLI's multi-context scan and the deployed fleet (which judges stored trust summaries).
 *
 * - `trust_domain_root_mismatch` (critical): linked clusters share no valid anchor (or a Consul
 *   peer's copy of our roots holds none of the current ones): cross-cluster mTLS fails.
 * - `linked_root_not_distributed` (warning; critical once the cluster issues from it): a root in
 *   one cluster, newer than what they share, is missing from a linked cluster's bundle. Old and new
 *   roots side by side (a rotation) are fine as long as both clusters hold them.
 * - `consul_peer_roots_stale` (info): a Consul peer holds an older copy of our roots.
 * - `trust_domain_not_accepted` (critical): linked Istio clusters on different trust domains where
 *   one accepts neither the other's trust domain nor an alias of it: its sidecars check the peer's
 *   SPIFFE trust domain (unless PILOT_SKIP_VALIDATE_TRUST_DOMAIN) and refuse the other's workloads.
 * A side whose anchors are unknown (mesh not read) is not judged. A link with a side whose mesh
 * sources were not all read (`partial`) is not judged either — half a picture can both hide a
 * missing root and report one — and each side gets a `blind_spot` saying so, so that neither
 * cluster's silence reads as "trust checked". Pure.
 */
import type { Finding } from '../model';
import type { LinkedMesh } from '../signals';
import { type ClusterLink, linkedClusters, type MeshGroup, meshOf } from './linked-clusters';
import { type MeshTrust, type TrustAnchor, type TrustSummary, validAnchors } from './trust-summary';

/** What the rule needs besides the summaries. */
export interface LinkedTrustOptions {
  readonly now: Date;
  readonly groups?: readonly MeshGroup[];
  /**
   * Clusters whose mesh sources were not all read completely: their links get a blind spot on
   * both sides instead of a verdict. (The deployed check never passes such a summary: the last
   * complete one stands instead.)
   */
  readonly partial?: ReadonlySet<string>;
}

const MESH_NAME: Readonly<Record<LinkedMesh, string>> = {
  istio: 'Istio',
  linkerd: 'Linkerd',
  consul: 'Consul',
};

/** `CN=Root CA (1a2b3c4d5e6f)`. */
function describeAnchor(anchor: TrustAnchor): string {
  return `${anchor.subject || '(no subject)'} (${anchor.fingerprint.slice(0, 12)})`;
}

/** The anchors for a message. */
function anchorList(anchors: readonly TrustAnchor[]): string {
  return anchors.length > 0 ? anchors.map(describeAnchor).join(', ') : 'no valid root';
}

/** How to give a cluster a root it lacks, per mesh. */
function distributeSteps(mesh: LinkedMesh, root: string, into: string): string {
  switch (mesh) {
    case 'istio':
      return `Append ${root} to the root bundle of cluster ${into} (cacerts root-cert.pem in istio-system, keeping the roots already there), restart istiod there so every namespace's istio-ca-root-cert carries it, and only then move any cluster's intermediate to the new root; check with \`istioctl proxy-config rootca-compare\`.`;
    case 'linkerd':
      return `Add ${root} to cluster ${into}'s trust anchors (\`linkerd upgrade --identity-trust-anchors-file=<current anchors + new root> | kubectl apply -f -\`), restart its meshed workloads (\`kubectl rollout restart\`) so proxies load the bundle, then re-run \`linkerd multicluster link\` if the gateway identity changed.`;
    case 'consul':
      return `Give cluster ${into} the root ${root} (for WAN federation, rotate through the primary datacenter's CA so secondaries pick it up) and check \`consul connect ca get-config\` on both sides.`;
  }
}

function linkedVia(link: ClusterLink): string {
  return link.why.join(', ');
}

interface Side {
  readonly summary: TrustSummary;
  readonly anchors: readonly TrustAnchor[];
}

/** Collects findings per cluster id, each (rule, fingerprint, peer) once. */
class FindingsByCluster {
  readonly out = new Map<string, Finding[]>();
  private readonly seen = new Set<string>();

  add(cluster: string, finding: Finding): void {
    const key = [
      cluster,
      finding.rule,
      finding.fingerprint ?? '',
      finding.source?.name ?? '',
      finding.source?.key ?? '',
    ].join('|');
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.set(cluster, [...(this.out.get(cluster) ?? []), finding]);
  }
}

/** The place a pair finding names: the other cluster, in this mesh (stable across scans). */
function peerSource(other: TrustSummary, mesh: LinkedMesh) {
  return { kind: 'LinkedCluster', name: other.cluster, key: mesh };
}

function sharedAnchor(link: ClusterLink, x: Side, y: Side, out: FindingsByCluster): void {
  const mesh = MESH_NAME[link.mesh];
  const inY = new Set(y.anchors.map((a) => a.fingerprint));
  const shared = x.anchors.filter((a) => inY.has(a.fingerprint));
  if (shared.length === 0) {
    for (const [self, other] of [
      [x, y],
      [y, x],
    ] as const) {
      out.add(self.summary.cluster, {
        severity: 'critical',
        rule: 'trust_domain_root_mismatch',
        source: peerSource(other.summary, link.mesh),
        message: `${mesh}: this cluster and linked cluster ${other.summary.name} (${linkedVia(link)}) share no valid trust anchor — this cluster trusts ${anchorList(self.anchors)}, ${other.summary.name} trusts ${anchorList(other.anchors)}: cross-cluster mTLS between them fails.`,
        remediation: distributeSteps(link.mesh, `the other cluster's root`, 'each cluster'),
      });
    }
    return;
  }
  const newestShared = Math.max(...shared.map((a) => Date.parse(a.notBefore)));
  for (const [self, other] of [
    [x, y],
    [y, x],
  ] as const) {
    const otherHas = new Set(other.anchors.map((a) => a.fingerprint));
    for (const root of self.anchors) {
      if (otherHas.has(root.fingerprint)) continue;
      // An older root only one side still keeps is a leftover, not a rotation in flight.
      if (!root.signing && Date.parse(root.notBefore) <= newestShared) continue;
      const severity = root.signing ? 'critical' : 'warning';
      const anchor = describeAnchor(root);
      const ownerText = root.signing
        ? `this cluster already issues from it, so ${other.summary.name} rejects this cluster's workloads`
        : 'this cluster does not issue from it yet: distribute it before it does';
      const otherText = root.signing
        ? `${self.summary.name} already issues from it, so this cluster rejects ${self.summary.name}'s workloads`
        : `${self.summary.name} does not issue from it yet: add it here before it does`;
      const remediation = distributeSteps(link.mesh, describeAnchor(root), other.summary.name);
      const base = {
        severity,
        rule: 'linked_root_not_distributed',
        fingerprint: root.fingerprint,
        remediation,
      } as const;
      out.add(self.summary.cluster, {
        ...base,
        source: peerSource(other.summary, link.mesh),
        message: `${mesh}: root ${anchor} of this cluster is missing from the trust bundle of linked cluster ${other.summary.name} (${linkedVia(link)}); ${ownerText}.`,
      });
      out.add(other.summary.cluster, {
        ...base,
        source: peerSource(self.summary, link.mesh),
        message: `${mesh}: root ${anchor} of linked cluster ${self.summary.name} (${linkedVia(link)}) is missing from this cluster's trust bundle; ${otherText}.`,
      });
    }
  }
}

/** `holder` keeps a copy of `owner`'s roots through a Consul peering. */
function peerRoots(link: ClusterLink, holder: Side, owner: Side, out: FindingsByCluster): void {
  const held = new Set(link.peering?.peerRoots ?? []);
  if (!link.peering?.peerRoots) return; // the peering answer carried no roots: nothing to compare
  const peering = link.peering.object;
  const current = owner.anchors.filter((a) => held.has(a.fingerprint));
  if (current.length === 0) {
    const text = `Consul: the peering ${peering} in cluster ${holder.summary.name} holds none of cluster ${owner.summary.name}'s valid roots (state ${link.peering.state ?? 'unknown'}): calls between them fail mTLS.`;
    const remediation = `Check the peering on both sides (\`consul peering read -name ${peering}\`); when it is not ACTIVE, establish it again with a new peering token so the roots are exchanged.`;
    out.add(holder.summary.cluster, {
      severity: 'critical',
      rule: 'trust_domain_root_mismatch',
      source: peerSource(owner.summary, 'consul'),
      message: text,
      remediation,
    });
    out.add(owner.summary.cluster, {
      severity: 'critical',
      rule: 'trust_domain_root_mismatch',
      source: peerSource(holder.summary, 'consul'),
      message: text,
      remediation,
    });
    return;
  }
  const active = owner.anchors.find((a) => a.signing) ?? owner.anchors[0];
  if (!active || held.has(active.fingerprint)) return;
  out.add(owner.summary.cluster, {
    severity: 'info',
    rule: 'consul_peer_roots_stale',
    fingerprint: active.fingerprint,
    source: peerSource(holder.summary, 'consul'),
    message: `Consul: peer ${holder.summary.name} (peering ${peering}) holds an older copy of this cluster's roots, without the current root ${describeAnchor(active)}; it still trusts an older one, so calls work until that root goes.`,
    remediation: `Consul replicates roots over the peering stream: check that the peering is ACTIVE on ${holder.summary.name} (\`consul peering read -name ${peering}\`); if the copy stays old, establish the peering again.`,
  });
}

/** The trust domains `trust`'s sidecars accept peers from: its own and its aliases. */
function acceptedDomains(trust: MeshTrust): Set<string> {
  return new Set([...(trust.trustDomain ? [trust.trustDomain] : []), ...(trust.trustDomainAliases ?? [])]);
}

/** What a cluster's sidecars refuse: the other side's trust domain, with what they do accept. */
interface Refusal {
  readonly refuser: TrustSummary;
  readonly domain: string;
  readonly accepted: string;
}

function refusal(refuser: TrustSummary, own: MeshTrust, peer: MeshTrust): Refusal | undefined {
  const accepted = acceptedDomains(own);
  const domain = peer.trustDomain!;
  return accepted.has(domain) ? undefined : { refuser, domain, accepted: [...accepted].join(', ') };
}

/** Istio: each side must accept the other's trust domain (its own or an alias); one finding per side. */
function acceptedTrustDomains(
  link: ClusterLink,
  x: TrustSummary,
  y: TrustSummary,
  out: FindingsByCluster,
): void {
  const tx = meshOf(x, 'istio');
  const ty = meshOf(y, 'istio');
  if (!tx?.trustDomain || !ty?.trustDomain) return; // a mesh config not read: nothing to compare
  const refusals = [refusal(x, tx, ty), refusal(y, ty, tx)].filter((r): r is Refusal => r !== undefined);
  if (refusals.length === 0) return;
  const remediation = `${refusals.map((r) => `Add "${r.domain}" to trustDomainAliases in the mesh config of cluster ${r.refuser.name}`).join('; ')} (the \`istio\` ConfigMap in istio-system, or meshConfig.trustDomainAliases in the IstioOperator/Helm values) and let istiod push it — or move both clusters to one trust domain.`;
  for (const [self, other] of [
    [x, y],
    [y, x],
  ] as const) {
    const parts = refusals.map((r) =>
      r.refuser === self
        ? `this cluster does not accept its trust domain ${r.domain} (it accepts ${r.accepted}), so its sidecars refuse ${other.name}'s workloads`
        : `it does not accept this cluster's trust domain ${r.domain} (it accepts ${r.accepted}), so its sidecars refuse this cluster's workloads`,
    );
    out.add(self.cluster, {
      severity: 'critical',
      rule: 'trust_domain_not_accepted',
      source: peerSource(other, 'istio'),
      message: `Istio: linked cluster ${other.name} (${linkedVia(link)}): ${parts.join('; and ')}.`,
      remediation,
    });
  }
}

/** Both sides of a link with a partially read cluster: not judged, and said so. */
function notJudged(
  link: ClusterLink,
  x: TrustSummary,
  y: TrustSummary,
  partial: TrustSummary,
  out: FindingsByCluster,
): void {
  const mesh = MESH_NAME[link.mesh];
  for (const [self, other] of [
    [x, y],
    [y, x],
  ] as const) {
    const whose = partial === self ? "this cluster's" : `${partial.name}'s`;
    out.add(self.cluster, {
      severity: 'warning',
      rule: 'blind_spot',
      source: peerSource(other, link.mesh),
      message: `${mesh}: trust between this cluster and linked cluster ${other.name} (${linkedVia(link)}) was not checked: ${whose} mesh sources were not all read (see its blind spots), and a partial set of roots could both hide a missing root and report one.`,
      remediation: `Let certwatch read every mesh source of cluster ${partial.name} (apply the output of \`certwatch rbac\` there), then scan both clusters again.`,
    });
  }
}

/** Findings per cluster id for every linked pair of `summaries`. */
export function linkedTrust(
  summaries: readonly TrustSummary[],
  options: LinkedTrustOptions,
): Map<string, Finding[]> {
  const byId = new Map(summaries.map((s) => [s.cluster, s]));
  const out = new FindingsByCluster();
  const side = (summary: TrustSummary, mesh: LinkedMesh): Side | undefined => {
    const trust = meshOf(summary, mesh);
    if (!trust) return undefined;
    const anchors = validAnchors(trust, options.now);
    // No anchor read at all: the mesh was not read (a blind spot elsewhere), so nothing is judged.
    return trust.anchors.length > 0 ? { summary, anchors } : undefined;
  };
  for (const link of linkedClusters(summaries, options.groups).links) {
    const a = byId.get(link.a);
    const b = byId.get(link.b);
    if (!a || !b) continue; // links join known summaries only
    const partial = [a, b].find((s) => options.partial?.has(s.cluster));
    if (partial) {
      notJudged(link, a, b, partial, out);
      continue;
    }
    if (link.mesh === 'istio') acceptedTrustDomains(link, a, b, out);
    const x = side(a, link.mesh);
    const y = side(b, link.mesh);
    if (!x || !y) continue;
    if (link.judgement === 'peer-roots') peerRoots(link, x, y, out);
    else sharedAnchor(link, x, y, out);
  }
  return out.out;
}
