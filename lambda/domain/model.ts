/**
 * The certificate model shared by every layer: facts parsed from DER, where each certificate was
 * seen, and the verdicts the domain reaches. Pure types; imports nothing.
 */

/** Position of a certificate in its chain of trust, decided by signatures (not by flags or order). */
export type Level = 'root' | 'intermediate' | 'leaf';

/** Severity of a finding. */
export type Severity = 'info' | 'warning' | 'critical';

/** Worst severity attached to a certificate; `ok` when nothing is wrong. */
export type CertSeverity = 'ok' | Severity;

/** The meshes and CA systems certwatch knows. */
export type Mesh =
  | 'istio'
  | 'linkerd'
  | 'consul'
  | 'cert-manager'
  | 'spire'
  | 'vault'
  | 'aws-pca'
  | 'generic';

/** What a certificate is in its mesh, e.g. `istio-root`, `linkerd-issuer`, `webhook-ca`. */
export type Role = string;

/** Where a piece of material was found. One certificate seen in 40 namespaces has 40 of these. */
export interface SourceLocation {
  /** Object kind: `Secret`, `ConfigMap`, `MutatingWebhookConfiguration`, `File`, `ConsulCARoots`, … */
  readonly kind: string;
  readonly namespace?: string;
  /** Object name (or file path for local files). */
  readonly name: string;
  /** Data key, JSON path or field inside the object (`ca-cert.pem`, `webhooks[0].clientConfig.caBundle`). */
  readonly key?: string;
}

/**
 * `kind/namespace/name/key`, with empty parts kept so keys never collide: the identity of a place,
 * part of every stored alert key (findingKey), so never change its format.
 */
export function sourceKey(source: SourceLocation): string {
  return [source.kind, source.namespace ?? '', source.name, source.key ?? ''].join('/');
}

/** Raw bytes from a source plus where they came from and what the source knows about them. */
export interface CertificateMaterial {
  readonly source: SourceLocation;
  /** PEM text, DER bytes, base64-of-PEM/DER (Kubernetes `data`), or a JWK set (SPIFFE bundle). */
  readonly data: string | Uint8Array;
  readonly mesh?: Mesh;
  /** Role the source expects the first (or only) certificate to play; the domain may refine it. */
  readonly role?: Role;
  /** True when the material is a trust bundle (anchors), e.g. `root-cert.pem`, `ca-bundle.crt`. */
  readonly trustBundle?: boolean;
}

/** Stable reason codes for material that could not be parsed. Never renamed once stored. */
export type ParseReason =
  | 'bad_pem'
  | 'bad_base64'
  | 'bad_der'
  | 'bad_jwks'
  | 'no_certificate'
  | 'unsupported_certificate'
  | 'too_large';

/** A parse failure: data, never an exception. `position` is the block index (PEM/JWK) or byte offset. */
export interface ParseError {
  readonly reason: ParseReason;
  readonly position: number;
  readonly detail: string;
  readonly source?: SourceLocation;
}

/** Everything certwatch reads from one X.509 certificate. Identity = `fingerprint`. */
export interface CertificateFacts {
  /** Lower-case hex SHA-256 of the DER. */
  readonly fingerprint: string;
  readonly der: Uint8Array;
  /** RFC 4514 strings (most specific RDN first), `''` for an empty name. */
  readonly subject: string;
  readonly issuer: string;
  /** Hex of the DER encoding of the Name, for exact subject↔issuer linking. */
  readonly subjectKey: string;
  readonly issuerKey: string;
  /** Lower-case hex, no leading-zero padding beyond one byte. */
  readonly serialNumber: string;
  /** From the ASN.1 UTCTime/GeneralizedTime, years 0001–9999. */
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly uris: readonly string[];
  readonly spiffeIds: readonly string[];
  /** basicConstraints cA:TRUE and, when a key usage is present, keyCertSign (OpenSSL's X509_check_ca). */
  readonly isCA: boolean;
  readonly pathLen?: number;
  /** Names as in RFC 5280: `digitalSignature`, `keyCertSign`, `cRLSign`, … */
  readonly keyUsage: readonly string[];
  readonly keyAlgorithm: 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown';
  /** RSA modulus bits, or EC curve size in bits. */
  readonly keySize?: number;
  /** EC curve name: `P-256`, `P-384`, `P-521`. */
  readonly curve?: string;
  /** e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, `sha1WithRSAEncryption`. */
  readonly signatureAlgorithm: string;
  /** Lower-case hex. */
  readonly subjectKeyId?: string;
  readonly authorityKeyId?: string;
}

/** A finding: one rule that fired. `rule` is stable snake_case; `message` and `remediation` are for people. */
export interface Finding {
  readonly severity: Severity;
  readonly rule: string;
  readonly fingerprint?: string;
  readonly source?: SourceLocation;
  readonly message: string;
  readonly remediation?: string;
}

/** The cert-manager Certificate that manages a certificate, and where the report's facts came from. */
export interface CertManagerLink {
  readonly namespace: string;
  readonly name: string;
  readonly secretName: string;
  readonly ready: boolean;
  readonly renewalTime?: string;
  /** `ClusterIssuer/internal-ca`. */
  readonly issuer?: string;
  /** `secret`: parsed from the Secret's tls.crt; `status`: the Secret was not read, facts are the status's. */
  readonly factsFrom: 'secret' | 'status';
}

/** A cert-manager Certificate known only from its status (its Secret was not read or did not parse). */
export interface StatusCertificate {
  readonly certManager: CertManagerLink;
  /** `CN=<spec.commonName>` or `''`. */
  readonly subject: string;
  readonly dnsNames: readonly string[];
  readonly level: Level;
  readonly role: Role;
  readonly notBefore?: Date;
  readonly notAfter: Date;
  readonly daysLeft: number;
  readonly severity: CertSeverity;
}

/** A certificate with every place it was seen and the domain's verdict on it. */
export interface AssessedCertificate {
  readonly facts: CertificateFacts;
  readonly sources: readonly SourceLocation[];
  readonly mesh?: Mesh;
  readonly level: Level;
  readonly role: Role;
  /** Fingerprint of the certificate that signed this one (verified), when found. */
  readonly issuerFingerprint?: string;
  /** Earliest notAfter on the best path to a trust anchor (the certificate's own when unchained). */
  readonly effectiveNotAfter: Date;
  /** Whole days from `now` to `effectiveNotAfter` (negative when expired), rounded down. */
  readonly daysLeft: number;
  readonly severity: CertSeverity;
  /** Id of the chain this certificate belongs to (fingerprint of its anchor, or its own). */
  readonly chainId: string;
  /** Set when a cert-manager Certificate's Secret holds this certificate. */
  readonly certManager?: CertManagerLink;
}

/** The domain's answer for one set of materials: certificates, findings and unparseable inputs. */
export interface Assessment {
  readonly certificates: readonly AssessedCertificate[];
  readonly findings: readonly Finding[];
  readonly errors: readonly ParseError[];
  /** cert-manager Certificates whose certificate is known only from their status. */
  readonly statusCertificates?: readonly StatusCertificate[];
}
