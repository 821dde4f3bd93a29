/**
 * The EKS bearer token, made exactly as `aws eks get-token` makes it: a SigV4-presigned STS
 * GetCallerIdentity URL (regional endpoint) with the cluster name signed in `x-k8s-aws-id`,
 * wrapped as `k8s-aws-v1.` + base64url without padding. May import SDKs (smithy, aws-crypto).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** The header the EKS authenticator reads the cluster name from; it must be signed. */
export const K8S_AWS_ID_HEADER = 'x-k8s-aws-id';
/** Prefix of every EKS token. */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** Clients advertise 14 minutes; the authenticator accepts 15 after X-Amz-Date. */
export const EKS_TOKEN_LIFETIME_MS = 14 * 60_000;

/** What a token is made from. */
export interface EksTokenRequest {
  readonly clusterName: string;
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Signing time; the token expires 14 minutes later. */
  readonly signingDate: Date;
}

/** A token and when clients should stop using it. */
export interface EksToken {
  readonly token: string;
  readonly expiresAt: Date;
}

// The CLI (botocore SigV4QueryAuth) writes operation params first, then the auth params in this
// order, then the signature. Signing uses the sorted canonical query, so order only matters for
// byte-for-byte equality with `aws eks get-token`.
const QUERY_ORDER = [
  'Action',
  'Version',
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Security-Token',
  'X-Amz-Signature',
];

/** Creates an EKS bearer token for `clusterName`, signed for the regional STS endpoint. */
export async function createEksToken(request: EksTokenRequest): Promise<EksToken> {
  const hostname = `sts.${request.region}.${partitionDomain(request.region)}`;
  const signer = new SignatureV4({
    credentials: request.credentials,
    region: request.region,
    service: 'sts',
    sha256: Sha256,
  });
  const unsigned = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: hostname, [K8S_AWS_ID_HEADER]: request.clusterName },
  });
  const signed = await signer.presign(unsigned, { expiresIn: 60, signingDate: request.signingDate });
  const url = `https://${hostname}/?${orderedQuery(signed.query as Record<string, string>)}`;
  const token = EKS_TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
  return { token, expiresAt: new Date(request.signingDate.getTime() + EKS_TOKEN_LIFETIME_MS) };
}

/** Query string in the CLI's parameter order, percent-encoded like botocore (RFC 3986 unreserved kept). */
function orderedQuery(query: Record<string, string>): string {
  const known = QUERY_ORDER.filter((key) => query[key] !== undefined);
  const rest = Object.keys(query)
    .filter((key) => !QUERY_ORDER.includes(key))
    .sort();
  return [...known, ...rest].map((key) => `${encode(key)}=${encode(String(query[key]))}`).join('&');
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** STS's DNS suffix for the region's partition (the verifier only accepts regional hosts there). */
function partitionDomain(region: string): string {
  if (region.startsWith('cn-')) return 'amazonaws.com.cn';
  return 'amazonaws.com';
}

/** The ExecCredential API version a kube client asked for in `KUBERNETES_EXEC_INFO` (v1beta1 by default, like the CLI). */
export function execApiVersion(execInfo: string | undefined): string {
  const fallback = 'client.authentication.k8s.io/v1beta1';
  try {
    const asked = (JSON.parse(execInfo ?? '{}') as { apiVersion?: unknown }).apiVersion;
    return asked === 'client.authentication.k8s.io/v1' ? asked : fallback;
  } catch {
    return fallback;
  }
}

/** The ExecCredential JSON `aws eks get-token` prints (compact; the CLI indents it). */
export function execCredential(token: EksToken, apiVersion = 'client.authentication.k8s.io/v1beta1'): string {
  const expirationTimestamp = token.expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return JSON.stringify({
    kind: 'ExecCredential',
    apiVersion,
    spec: {},
    status: { expirationTimestamp, token: token.token },
  });
}
