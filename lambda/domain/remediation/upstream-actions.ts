/**
 * What to do about an upstream CA (a Vault PKI issuer, an AWS Private CA) that expires: the full
 * procedure for findings, and one line for the digest naming the mount or ARN. Pure.
 */
import type { SourceLocation } from '../model';
import { type UpstreamRef, upstreamOfLocation } from '../upstream';

/** Full form: what to rotate where, upstream, with the commands. */
export function rotateUpstream(ref: UpstreamRef | undefined): string {
  if (ref?.kind === 'vault') {
    const ns = ref.namespace ? ` with VAULT_NAMESPACE=${ref.namespace}` : '';
    const m = ref.mount;
    return `Rotate the issuer of Vault PKI mount ${m} at ${ref.address}${ns}: vault write ${m}/intermediate/generate/internal (or ${m}/root/rotate/internal for a root mount), have the parent sign it, vault write ${m}/intermediate/set-signed, then vault write ${m}/config/issuers default=<new issuer>.`;
  }
  if (ref?.kind === 'aws-pca')
    return `Renew the certificate of AWS Private CA ${ref.arn}: aws acm-pca get-certificate-authority-csr, have the parent CA sign it, then aws acm-pca import-certificate-authority-certificate (a root CA issues its own with aws acm-pca issue-certificate).`;
  return 'Renew the upstream CA certificate first.';
}

/** Short form for the digest, when the certificate was read from an upstream CA; else undefined. */
export function upstreamDigestAction(sources: readonly SourceLocation[]): string | undefined {
  const ref = sources.map(upstreamOfLocation).find((r) => r !== undefined);
  if (!ref) return undefined;
  const then =
    'then re-issue the in-cluster CAs it signed (Istio cacerts, cert-manager CAs, Linkerd issuer).';
  if (ref.kind === 'vault') {
    const ns = ref.namespace ? ` (namespace ${ref.namespace})` : '';
    return `Upstream CA: rotate the issuer of Vault PKI mount ${ref.mount} at ${ref.address}${ns} and make it the default; ${then}`;
  }
  return `Upstream CA: install a renewed certificate on AWS Private CA ${ref.arn} (import-certificate-authority-certificate); ${then}`;
}
