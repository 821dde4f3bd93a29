/**
 * What each finding that is not about one certificate's own facts rests on: the cluster sources
 * (CertificateSource.name) it is drawn from, and whether it compares their whole view. A partial
 * scan uses this to carry such alerts over instead of opening or resolving them from half a
 * picture (see carry-over.ts). Pure data.
 */

/** The reads one rule's verdict comes from. */
export interface FindingBasis {
  /** Cluster sources whose reads the verdict comes from (those not run in a scan are ignored). */
  readonly sources: readonly string[];
  /**
   * True when the verdict compares everything those sources hold (a copy that differs from the
   * bundle, a root not distributed, an issuer not from an anchor, a status against its Secret): an
   * incomplete read can invent or hide it, so it neither opens nor resolves. False when it reports
   * one object read directly (a status, a proxy's expiry): it opens when seen, and resolves only once
   * its sources were read completely.
   */
  readonly wholeView: boolean;
}

const MESH_SOURCES = ['istio', 'linkerd', 'consul'] as const;
const whole = (...sources: string[]): FindingBasis => ({ sources, wholeView: true });
const direct = (...sources: string[]): FindingBasis => ({ sources, wholeView: false });

/**
 * Per rule id. Rules absent here are judged per certificate (carried over with their certificate),
 * are this scan's own (`blind_spot`) or do not depend on a source (`scan_missed`).
 */
const FINDING_BASES: Readonly<Record<string, FindingBasis>> = {
  istio_root_copy_stale: whole('istio'),
  webhook_ca_bundle_mismatch: whole('istio'),
  linkerd_issuer_not_from_anchor: whole('linkerd'),
  linkerd_proxy_anchors_stale: whole('linkerd'),
  cert_manager_secret_mismatch: whole('cert-manager'),
  cert_manager_secret_unreadable: whole('cert-manager'),
  ca_issuer_expired_but_ready: whole('cert-manager'),
  cert_manager_not_ready: direct('cert-manager'),
  cert_manager_renewal_overdue: direct('cert-manager'),
  private_ca_not_active: direct('aws-privateca-issuer'),
  workload_certificate_expiring: direct('istio', 'linkerd'),
  workload_certificate_expired: direct('istio', 'linkerd'),
  // Fleet trust: drawn from each linked mesh's anchors and links.
  linked_root_not_distributed: whole(...MESH_SOURCES),
  trust_domain_root_mismatch: whole(...MESH_SOURCES),
  trust_domain_not_accepted: whole('istio'),
  consul_peer_roots_stale: whole('consul'),
};

/** What a finding of `rule` rests on; undefined for certificate, blind-spot and source-less rules. */
export function findingBasis(rule: string): FindingBasis | undefined {
  return Object.hasOwn(FINDING_BASES, rule) ? FINDING_BASES[rule] : undefined;
}
