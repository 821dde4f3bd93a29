/**
 * AWS Private CA source: `DescribeCertificateAuthority` (status, ROOT/SUBORDINATE, NotAfter) as a
 * signal, and `GetCertificateAuthorityCertificate` (the CA's certificate and its chain, PEM) as
 * raw material, through @aws-sdk/client-acm-pca with the standard credential chain and the SDK's
 * own endpoint settings (`AWS_ENDPOINT_URL_ACM_PCA`). Denied, missing and unreachable CAs come
 * back as failures, never as a rejection.
 */
import type { ACMPCAClient } from '@aws-sdk/client-acm-pca';
import type { CertificateMaterial } from '../../domain/model';
import type { SourceSignal } from '../../domain/signals';
import { type PrivateCaRef, upstreamLocation } from '../../domain/upstream';
import type { CollectResult, SourceFailure, SourceFailureReason } from '../../ports/certificate-source';

const SOURCE = 'aws-pca';
// Statuses in which the CA holds an installed certificate worth reading.
const HAS_CERTIFICATE = new Set(['ACTIVE', 'EXPIRED', 'DISABLED']);

/** The SDK's commands, loaded on the first Private CA read (a scan without one never loads the SDK). */
function pcaSdk(): typeof import('@aws-sdk/client-acm-pca') {
  return require('@aws-sdk/client-acm-pca') as typeof import('@aws-sdk/client-acm-pca');
}

/** Builds the ACM PCA client for a CA (its region; cross-account credentials where needed). */
export type PrivateCaClientFor = (ref: PrivateCaRef) => ACMPCAClient;

const REASON_BY_NAME: Readonly<Record<string, SourceFailureReason>> = {
  AccessDeniedException: 'permission_denied',
  UnrecognizedClientException: 'unauthorized',
  InvalidClientTokenId: 'unauthorized',
  ExpiredTokenException: 'unauthorized',
  CredentialsProviderError: 'unauthorized',
  ResourceNotFoundException: 'not_found',
  InvalidArnException: 'bad_data',
  InvalidStateException: 'bad_data',
  ThrottlingException: 'server_error',
  TimeoutError: 'timeout',
  AbortError: 'timeout',
};

/** The failure reason of an SDK error. */
export function privateCaFailureReason(error: unknown): SourceFailureReason {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const byName = REASON_BY_NAME[e.name ?? ''];
  if (byName) return byName;
  const status = e.$metadata?.httpStatusCode;
  if (status === 403) return 'permission_denied';
  if (status !== undefined && status >= 500) return 'server_error';
  if (status === undefined || /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT)/.test(e.code ?? ''))
    return 'unreachable';
  return 'bad_data';
}

function detailOf(error: unknown): string {
  const e = error as { name?: string; message?: string };
  const message = (e.message ?? String(error)).replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 300);
  return e.name && e.name !== 'Error' ? `${e.name}: ${message}` : message;
}

/** Reads AWS Private CAs. */
export class AwsPrivateCaReader {
  constructor(private readonly clientFor: PrivateCaClientFor) {}

  /** The CA's status (signal), certificate and chain (materials). */
  async read(ref: PrivateCaRef, signal: AbortSignal): Promise<CollectResult> {
    const materials: CertificateMaterial[] = [];
    const signals: SourceSignal[] = [];
    const failures: SourceFailure[] = [];
    const fail = (error: unknown, key: string) =>
      failures.push({
        source: SOURCE,
        location: upstreamLocation(ref, key),
        reason: privateCaFailureReason(error),
        detail: detailOf(error),
      });
    const client = this.clientFor(ref);
    let status: string | undefined;
    try {
      const described = await client.send(
        new (pcaSdk().DescribeCertificateAuthorityCommand)({ CertificateAuthorityArn: ref.arn }),
        { abortSignal: signal },
      );
      const ca = described.CertificateAuthority;
      status = ca?.Status ?? 'UNKNOWN';
      signals.push({
        type: 'private-ca-status',
        source: upstreamLocation(ref, 'Status'),
        arn: ref.arn,
        status,
        ...(ca?.Type ? { caType: ca.Type } : {}),
        ...(ca?.NotAfter ? { notAfter: ca.NotAfter.toISOString() } : {}),
      });
    } catch (error) {
      fail(error, 'DescribeCertificateAuthority');
    }
    // Without Describe (denied), still try the certificate: the two may be granted separately.
    if (status === undefined || HAS_CERTIFICATE.has(status)) {
      try {
        const got = await client.send(
          new (pcaSdk().GetCertificateAuthorityCertificateCommand)({ CertificateAuthorityArn: ref.arn }),
          { abortSignal: signal },
        );
        if (got.Certificate)
          materials.push({
            source: upstreamLocation(ref, 'Certificate'),
            data: got.Certificate,
            mesh: 'aws-pca',
          });
        else fail(new Error('GetCertificateAuthorityCertificate returned no Certificate'), 'Certificate');
        if (got.CertificateChain)
          materials.push({
            source: upstreamLocation(ref, 'CertificateChain'),
            data: got.CertificateChain,
            mesh: 'aws-pca',
          });
      } catch (error) {
        fail(error, 'GetCertificateAuthorityCertificate');
      }
    }
    return { materials, signals, failures };
  }
}
