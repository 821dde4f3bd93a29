/**
 * A bearer-token provider for one cluster that reuses its EKS token and signs a new one before the
 * 14-minute lifetime ends, so a long scan never presents an expired token.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { createEksToken, EKS_TOKEN_LIFETIME_MS, type EksToken } from './eks-token';

/** Props of {@link CachedEksToken}. */
export interface CachedEksTokenProps {
  readonly clusterName: string;
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** @default - the system clock */
  readonly now?: () => Date;
  /**
   * Sign a new token when the current one has less than this left.
   * @default 4 minutes (so a token is reused for at most 10 minutes)
   */
  readonly refreshMarginMs?: number;
}

/** Caches one cluster's EKS token; `token()` is the bearer-token provider the KubeApi adapter calls. */
export class CachedEksToken {
  private current?: EksToken;
  private pending?: Promise<EksToken>;
  private readonly now: () => Date;
  private readonly refreshMarginMs: number;

  constructor(private readonly props: CachedEksTokenProps) {
    this.now = props.now ?? (() => new Date());
    this.refreshMarginMs = props.refreshMarginMs ?? 4 * 60_000;
    if (this.refreshMarginMs >= EKS_TOKEN_LIFETIME_MS)
      throw new Error('refreshMarginMs must be below 14 minutes');
  }

  /** The current token, signing a fresh one when it is missing or close to expiry. */
  async token(): Promise<string> {
    return (await this.tokenWithExpiry()).token;
  }

  /** The current token with its expiry (for ExecCredential output). */
  async tokenWithExpiry(): Promise<EksToken> {
    const now = this.now();
    if (this.current && this.current.expiresAt.getTime() - now.getTime() > this.refreshMarginMs) {
      return this.current;
    }
    // Concurrent callers share one signing call.
    this.pending ??= createEksToken({ ...this.props, signingDate: now }).finally(() => {
      this.pending = undefined;
    });
    this.current = await this.pending;
    return this.current;
  }
}
