/**
 * Which Secret a cert-manager object names: a CA Issuer's or ClusterIssuer's CA Secret
 * (ClusterIssuers in the cluster-resource namespace, like cert-manager's
 * `--cluster-resource-namespace`), a Certificate's `spec.secretName`. The cert-manager source reads
 * exactly these and `certwatch rbac --from-cluster` grants exactly these, so the two cannot drift.
 * Issuer types other than CA name no Secret certwatch reads; add them here (one function per type).
 * Pure.
 */
import { CERT_MANAGER } from '../rbac/source-reads';

/** The plain shape of a cert-manager object this module needs. */
export interface CertManagerObject {
  readonly kind?: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec?: unknown;
}

/** A Secret named by a cert-manager object. */
export interface NamedSecret {
  readonly namespace: string;
  readonly name: string;
  /** Who names it, for messages: `Certificate apps/web`, `ClusterIssuer internal-ca`. */
  readonly namedBy: string;
}

/** The default cluster-resource namespace (cert-manager's own namespace). */
export const DEFAULT_CLUSTER_RESOURCE_NAMESPACE: string = CERT_MANAGER.clusterResourceNamespace;

/** `Kind ns/name` or `Kind name`. */
export function objectLabel(kind: string, object: CertManagerObject): string {
  const ns = object.metadata.namespace;
  return `${kind} ${ns ? `${ns}/` : ''}${object.metadata.name}`;
}

/**
 * The CA Secret of an Issuer (`kind` Issuer) or ClusterIssuer: undefined when it is not a CA
 * issuer, an Error when `spec.ca.secretName` is not a usable name.
 */
export function caIssuerSecret(
  kind: 'Issuer' | 'ClusterIssuer',
  issuer: CertManagerObject,
  clusterResourceNamespace: string = DEFAULT_CLUSTER_RESOURCE_NAMESPACE,
): NamedSecret | Error | undefined {
  const ca = (issuer.spec as { ca?: { secretName?: unknown } } | undefined)?.ca;
  if (ca === undefined) return undefined;
  const name = ca?.secretName;
  if (typeof name !== 'string' || name === '') return new Error('spec.ca.secretName is not a name');
  const namespace =
    kind === 'ClusterIssuer' ? clusterResourceNamespace : (issuer.metadata.namespace ?? 'default');
  return { namespace, name, namedBy: objectLabel(kind, issuer) };
}

/** The Secret a Certificate writes, or undefined when `spec.secretName` is missing. */
export function certificateSecret(certificate: CertManagerObject): NamedSecret | undefined {
  const name = (certificate.spec as { secretName?: unknown } | undefined)?.secretName;
  if (typeof name !== 'string' || name === '') return undefined;
  return {
    namespace: certificate.metadata.namespace ?? 'default',
    name,
    namedBy: objectLabel('Certificate', certificate),
  };
}
