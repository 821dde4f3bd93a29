/** A channel that delivers alerts and digests (Slack, SNS). Delivery either resolves or throws. */
import type { Finding, Level, Mesh, SourceLocation } from '../domain/model';

/** What happened to an alert since the last delivered state. */
export type AlertTransition = 'opened' | 'escalated' | 'renotified' | 'resolved';

/** One alert to deliver: a finding in a cluster, with the context a person needs. */
export interface AlertMessage {
  /** Stable finding key (cluster + rule + fingerprint/source). */
  readonly key: string;
  readonly transition: AlertTransition;
  readonly cluster: string;
  readonly finding: Finding;
  readonly mesh?: Mesh;
  readonly level?: Level;
  readonly subject?: string;
  readonly daysLeft?: number;
  readonly sources: readonly SourceLocation[];
  /** Channel reference of the opening message (e.g. Slack `ts`), for threading follow-ups. */
  readonly threadRef?: string;
}

/** Proof of delivery; `ref` identifies the message for threading (Slack `ts`, SNS MessageId). */
export interface DeliveryReceipt {
  readonly channel: string;
  readonly ref?: string;
}

/** A rendered digest: plain text for email, a short summary for chat. Built by the domain. */
export interface DigestMessage {
  readonly subject: string;
  readonly text: string;
  readonly summary: string;
}

/** A notification channel. Implementations bound their retries so a dead channel fails fast. */
export interface Notifier {
  readonly channel: string;
  sendAlert(message: AlertMessage): Promise<DeliveryReceipt>;
  sendDigest(digest: DigestMessage): Promise<DeliveryReceipt>;
}
