/** Why a Slack post did not happen. Carries Slack's error code, never the token. */
export class SlackDeliveryError extends Error {
  override readonly name = 'SlackDeliveryError';
  /** Slack's `error` (`channel_not_found`…), or `rate_limited`, `http_500`, `unreachable`, `timeout`, `connection_lost`. */
  readonly code: string;

  constructor(code: string, detail: string, options?: ErrorOptions) {
    super(`slack delivery failed (${code}): ${detail}`, options);
    this.code = code;
  }
}
