/**
 * Fleet trust: linked clusters (Istio mesh id and remote secrets, Linkerd Links, Consul peerings,
 * configured mesh groups) must trust each other's roots. Trust summaries per cluster, the links
 * between them, the rule, and the digest's trust groups. Pure: may import ../model, ../signals,
 * ../parse, ../bounded-text, ../cluster-identity and its own files.
 */
export {
  type ClusterLink,
  linkedClusters,
  type MeshGroup,
  meshOf,
  type UnresolvedLink,
} from './linked-clusters';
export { type LinkedTrustOptions, linkedTrust } from './linked-trust';
export { type RotationInFlight, type TrustGroup, type TrustGroupMember, trustGroups } from './trust-groups';
export {
  FRESH_SUMMARY_DAYS,
  freshSummaries,
  LINKED_MESHES,
  MAX_ANCHORS_PER_MESH,
  MAX_LINKS_PER_MESH,
  MAX_PEER_ROOTS,
  type MeshTrust,
  type TrustAnchor,
  type TrustLink,
  type TrustSummary,
  trustSummaryOf,
  validAnchors,
} from './trust-summary';

/** The rule ids the fleet trust check emits (the deployed stack drives their alerts fleet-wide). */
export const FLEET_TRUST_RULES: ReadonlySet<string> = new Set([
  'trust_domain_root_mismatch',
  'linked_root_not_distributed',
  'consul_peer_roots_stale',
  'trust_domain_not_accepted',
]);
