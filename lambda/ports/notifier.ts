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

/** A notification channel. Implementations bound their retries so a dead channel fails fast. */
export interface Notifier {
  readonly channel: string;
  sendAlert(message: AlertMessage): Promise<DeliveryReceipt>;
  sendDigest(digest: DigestMessage): Promise<DeliveryReceipt>;
}
