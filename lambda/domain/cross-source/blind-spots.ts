/**
 * `blind_spot`: every read that failed is a place certwatch could not look. Warning per object;
 * critical when a whole source (mesh) could not be read.
 */
import type { Finding } from '../model';
import { isUpstreamLocation, PRIVATE_CA_KIND } from '../upstream';
import { type CrossSourceRule, describeLocation, type ReadFailure } from './context';

const STEP: Readonly<Record<string, string>> = {
  permission_denied: "Grant the read to certwatch's identity: apply the output of `certwatch rbac`.",
  unauthorized:
    'Refresh the credentials certwatch uses for this cluster (token, kubeconfig, EKS access entry).',
  not_found: 'The mesh is installed but this object is missing: check the control plane is healthy.',
  server_error: 'The API server failed: retry, and check its health and the aggregated APIs.',
  timeout: 'The request timed out: check API server load and the network path, or raise the timeout.',
  bad_data: "The object's content is not what the mesh writes: inspect and repair or recreate it.",
  unreachable: 'Check the API server address, network path and credentials for this cluster.',
};

const VAULT_STEP: Readonly<Record<string, string>> = {
  permission_denied:
    "Give certwatch's Vault token (VAULT_TOKEN) a policy with read and list on <mount>/issuers, <mount>/issuer/+/json, <mount>/ca_chain and <mount>/ca/pem, or check VAULT_NAMESPACE.",
  unauthorized: 'Renew the Vault token certwatch uses (VAULT_TOKEN, or the stack secret).',
  not_found: 'No PKI mount answers at this path: check the mount name and VAULT_NAMESPACE.',
  server_error:
    'Vault answered with a server error (503 when sealed or in standby without a leader): unseal it or check its health.',
};

const PCA_STEP: Readonly<Record<string, string>> = {
  permission_denied:
    "Allow acm-pca:DescribeCertificateAuthority and acm-pca:GetCertificateAuthorityCertificate on this CA's ARN to certwatch's role (in the CA's account for cross-account CAs).",
  unauthorized: 'Give certwatch AWS credentials (the standard chain: environment, profile, role).',
  not_found: 'No Private CA has this ARN: check the ARN and region.',
};

// Upstream CAs are not Kubernetes objects: their steps name Vault or IAM, not `certwatch rbac`.
function upstreamStep(failure: ReadFailure): string | undefined {
  const at = failure.location;
  if (!at || !isUpstreamLocation(at)) return undefined;
  const steps = at.kind === PRIVATE_CA_KIND ? PCA_STEP : VAULT_STEP;
  if (failure.reason === 'unreachable' || failure.reason === 'timeout')
    return at.kind === PRIVATE_CA_KIND
      ? 'Check the network path to the ACM PCA endpoint of this region (VPC endpoint or NAT).'
      : 'Check the Vault address (VAULT_ADDR, or the Issuer spec.vault.server), its TLS CA (VAULT_CACERT, spec.vault.caBundle) and the network path from certwatch.';
  return steps[failure.reason];
}

/** The finding for one failure. */
export function blindSpot(failure: ReadFailure): Finding {
  const what = failure.location
    ? describeLocation(failure.location)
    : failure.source === 'cluster'
      ? 'the cluster at all'
      : `anything of the ${failure.source} source`;
  return {
    severity: failure.location ? 'warning' : 'critical',
    rule: 'blind_spot',
    ...(failure.location ? { source: failure.location } : {}),
    message: `${failure.source}: could not read ${what}: ${failure.reason} (${failure.detail})`,
    remediation:
      failure.remediation ??
      upstreamStep(failure) ??
      STEP[failure.reason] ??
      'Check that certwatch can read this object.',
  };
}

/** The rule. */
export const blindSpots: CrossSourceRule = {
  id: 'blind_spot',
  evaluate({ failures }) {
    return failures.map(blindSpot);
  },
};
