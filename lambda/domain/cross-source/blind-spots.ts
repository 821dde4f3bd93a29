/**
 * `blind_spot`: every read that failed is a place certwatch could not look. Warning per object;
 * critical when a whole source (mesh) could not be read.
 */
import type { Finding } from '../model';
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
    remediation: STEP[failure.reason] ?? 'Check that certwatch can read this object.',
  };
}

/** The rule. */
export const blindSpots: CrossSourceRule = {
  id: 'blind_spot',
  evaluate({ failures }) {
    return failures.map(blindSpot);
  },
};
