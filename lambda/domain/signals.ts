/**
 * Non-certificate facts sources report next to certificate bytes (status fields, metrics), which
 * cross-source rules judge. Pure types. Extend the union; never rename a `type` once stored.
 */
import type { Mesh, SourceLocation } from './model';
import type { UpstreamRef } from './upstream';

/** A cert-manager Certificate's status. Dates are ISO strings as the API returns them. */
export interface CertManagerCertificateSignal {
  readonly type: 'cert-manager-certificate';
  readonly source: SourceLocation;
  readonly secretName: string;
  readonly ready: boolean;
  readonly readyReason?: string;
  readonly readyMessage?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly renewalTime?: string;
  readonly failedIssuanceAttempts?: number;
  readonly issuerRef?: { readonly name: string; readonly kind?: string };
  /** spec.isCA: the Certificate issues a CA (its Secret holds an issuer, not a serving cert). */
  readonly isCA?: boolean;
  readonly commonName?: string;
  readonly dnsNames?: readonly string[];
}

/** A cert-manager Issuer/ClusterIssuer of kind CA and what it says about itself. */
export interface CaIssuerSignal {
  readonly type: 'ca-issuer';
  readonly source: SourceLocation;
  readonly secretName: string;
  readonly secretNamespace: string;
  readonly ready: boolean;
}

/** A workload certificate expiry read from a proxy's metrics (no certificate bytes available). */
export interface WorkloadExpirySignal {
  readonly type: 'workload-expiry';
  readonly source: SourceLocation;
  readonly mesh: Mesh;
  /** Unix seconds when the workload certificate expires. */
  readonly expiresAtEpochSeconds: number;
  readonly metric: string;
}

/** A Linkerd proxy whose trust anchors (from its env) differ from the current bundle. */
export interface ProxyTrustAnchorsSignal {
  readonly type: 'proxy-trust-anchors';
  readonly source: SourceLocation;
  /** PEM bundle the proxy was started with. */
  readonly anchorsPem: string;
}

/** Consul Connect CA configuration facts (leaf TTL, provider). */
export interface ConsulCaSignal {
  readonly type: 'consul-ca';
  readonly source: SourceLocation;
  readonly trustDomain?: string;
  readonly activeRootId?: string;
  readonly leafCertTtlSeconds?: number;
}

/** A cluster object naming the upstream CA it issues from (cert-manager Vault issuer, AWSPCAIssuer). */
export interface UpstreamIssuerSignal {
  readonly type: 'upstream-issuer';
  /** The Issuer/ClusterIssuer/AWSPCAIssuer. */
  readonly source: SourceLocation;
  readonly upstream: UpstreamRef;
}

/** What AWS Private CA says about one CA (DescribeCertificateAuthority). */
export interface PrivateCaStatusSignal {
  readonly type: 'private-ca-status';
  readonly source: SourceLocation;
  readonly arn: string;
  /** CREATING, PENDING_CERTIFICATE, ACTIVE, DELETED, DISABLED, EXPIRED, FAILED. */
  readonly status: string;
  /** ROOT or SUBORDINATE. */
  readonly caType?: string;
  /** ISO, when the CA has a certificate. */
  readonly notAfter?: string;
}

/** How many meshed pods a source sampled for workload expiry, of how many running. */
export interface WorkloadSampleSignal {
  readonly type: 'workload-sample';
  readonly source: SourceLocation;
  readonly mesh: Mesh;
  readonly sampled: number;
  readonly total: number;
  readonly namespaces: number;
  /** 0 when sampling is turned off. */
  readonly perNamespace: number;
}

/** The meshes whose clusters link to each other (multi-cluster trust). */
export type LinkedMesh = 'istio' | 'linkerd' | 'consul';

/**
 * Who a cluster's mesh says it is: Istio's mesh config (`meshId`, `trustDomain`,
 * `trustDomainAliases`, the multicluster cluster name), Linkerd's identity trust domain.
 */
export interface MeshIdentitySignal {
  readonly type: 'mesh-identity';
  readonly source: SourceLocation;
  readonly mesh: LinkedMesh;
  readonly meshId?: string;
  readonly trustDomain?: string;
  readonly trustDomainAliases?: readonly string[];
  /** The name the mesh knows this cluster by (Istio `global.multiCluster.clusterName`). */
  readonly clusterName?: string;
}

/** How one cluster names another it is linked to. Never renamed once stored. */
export type MeshLinkKind = 'istio-remote-secret' | 'linkerd-link' | 'consul-peering';

/**
 * A link from this cluster to another, found in the cluster: an Istio remote secret (metadata
 * only), a Linkerd `Link`, a Consul peering with the peer roots this cluster holds.
 */
export interface MeshLinkSignal {
  readonly type: 'mesh-link';
  /** The object (or Consul peering) that makes the link. */
  readonly source: SourceLocation;
  readonly mesh: LinkedMesh;
  readonly via: MeshLinkKind;
  /** The target cluster as this cluster names it (Istio cluster name, Link target, peering name). */
  readonly target: string;
  /** The target's trust domain, when the link says it (Consul PeerServerName). */
  readonly targetTrustDomain?: string;
  /** Consul peering state (`ACTIVE`, `FAILING`, …). */
  readonly state?: string;
  /** Consul: the peer's CA roots as this cluster holds them (PEM). */
  readonly peerRootsPem?: readonly string[];
}

/** Everything that is not certificate bytes. */
export type SourceSignal =
  | CertManagerCertificateSignal
  | CaIssuerSignal
  | WorkloadExpirySignal
  | ProxyTrustAnchorsSignal
  | ConsulCaSignal
  | UpstreamIssuerSignal
  | PrivateCaStatusSignal
  | WorkloadSampleSignal
  | MeshIdentitySignal
  | MeshLinkSignal;
