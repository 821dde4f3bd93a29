/**
 * AWS credentials for reaching one cluster: the Lambda's own, or a role assumed in the cluster's
 * account (member-account stack). Assumed-role credentials are cached and refreshed by the SDK.
 */
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** Which credentials to use for a cluster. */
export interface ClusterCredentialsOptions {
  readonly region: string;
  /** Role to assume in the cluster's account; absent = the caller's own credentials. */
  readonly roleArn?: string;
  /** @default 'certwatch' */
  readonly sessionName?: string;
}

/** A credential provider for the cluster: assumed role when `roleArn` is set, else the default chain. */
export function clusterCredentials(options: ClusterCredentialsOptions): AwsCredentialIdentityProvider {
  if (!options.roleArn) return fromNodeProviderChain();
  return fromTemporaryCredentials({
    params: {
      RoleArn: options.roleArn,
      RoleSessionName: options.sessionName ?? 'certwatch',
      DurationSeconds: 3600,
    },
    clientConfig: { region: options.region },
  });
}
