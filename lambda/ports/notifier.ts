/** A channel that delivers alerts and digests (Slack, SNS). Delivery either resolves or throws. */
import type { AlertMessage } from '../domain/alert-message';
import type { RenderedDigest } from '../domain/digest/digest-input';

export type { AlertMessage, AlertTransition } from '../domain/alert-message';
/** A rendered digest (built by the domain): subject, plain text for email, summary for chat. */
export type DigestMessage = RenderedDigest;

/** Proof of delivery; `ref` identifies the message for threading (Slack `ts`, SNS MessageId). */
export interface DeliveryReceipt {
  readonly channel: string;
  readonly ref?: string;
}

/**
 * Whether a delivery that may have landed did: `found` (adopt its receipt), `absent` (safe to send
 * again) or `unknown` (the channel could not say: send nothing now, ask again next run).
 */
export type DeliveryLookup =
  | { readonly status: 'found'; readonly receipt: DeliveryReceipt }
  | { readonly status: 'absent'; readonly note?: string }
  | { readonly status: 'unknown'; readonly reason: string };

/** A notification channel. Implementations bound their retries so a dead channel fails fast. */
export interface Notifier {
  readonly channel: string;
  /** Sends; `message.delivery` travels with it (Slack metadata, an SNS attribute). */
  sendAlert(message: AlertMessage): Promise<DeliveryReceipt>;
  sendDigest(digest: DigestMessage): Promise<DeliveryReceipt>;
  /**
   * Looks for a message of `message.delivery` sent since `since`. Channels that cannot be searched
   * leave it out; their subscribers deduplicate on the delivery id instead.
   */
  findDelivery?(message: AlertMessage, since: Date): Promise<DeliveryLookup>;
}
