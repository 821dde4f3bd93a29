/**
 * SNS adapter for the Notifier port: alerts as structured JSON (schemaVersion 1) with message
 * attributes for subscription filters, digests as plain text for email subscribers. Imports
 * @aws-sdk/client-sns (client injected), ports and domain types. Failures throw.
 */
import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { printable, printableDeep, printableLines } from '../../domain/printable';
import type { AlertMessage, DeliveryReceipt, DigestMessage, Notifier } from '../../ports/notifier';

/** Where to publish. */
export interface SnsNotifierOptions {
  readonly client: SNSClient;
  /** Topic for alerts (JSON). */
  readonly alertTopicArn: string;
  /** Topic for digests (text). @default - the alert topic */
  readonly digestTopicArn?: string;
  /** Receipt channel name. @default 'sns' */
  readonly channelName?: string;
}

/** The JSON body subscribers parse; fields are only ever added. */
export interface SnsAlertPayload {
  readonly schemaVersion: 1;
  readonly kind: 'alert';
  readonly key: string;
  readonly transition: AlertMessage['transition'];
  /** The cluster's name (with account/region or server when two share it). */
  readonly cluster: string;
  /** The cluster's stable id: what to key on. */
  readonly clusterId: string;
  readonly severity: string;
  readonly rule: string;
  readonly message: string;
  readonly remediation: string | null;
  readonly fingerprint: string | null;
  readonly subject: string | null;
  readonly level: string | null;
  readonly mesh: string | null;
  readonly daysLeft: number | null;
  /** At most MAX_SOURCES of them; `sourcesTotal` says how many there are. */
  readonly sources: AlertMessage['sources'];
  readonly sourcesTotal: number;
}

/** Why a publish failed. */
export class SnsDeliveryError extends Error {
  override readonly name = 'SnsDeliveryError';
}

const SUBJECT_MAX = 100;
/** A root seen in every namespace of a large cluster must not push the alert past SNS's 256 KB. */
export const MAX_SOURCES = 50;
// SNS caps a message at 262,144 bytes including attributes; keep a margin for them.
const MAX_MESSAGE_BYTES = 250_000;

/** Cuts `text` to SNS's size limit, saying so at the end. */
export function fitMessage(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= MAX_MESSAGE_BYTES) return text;
  const cut = Buffer.from(text, 'utf8')
    .subarray(0, MAX_MESSAGE_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${cut}\n\n[truncated: the full text is ${Buffer.byteLength(text, 'utf8')} bytes]`;
}

/** SNS subjects: ASCII printable, no line breaks, ≤ 100 chars, starting with a letter, digit or mark. */
export function snsSubject(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u2026]/g, '...')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const clean = ascii === '' ? 'certwatch' : ascii;
  return clean.length <= SUBJECT_MAX ? clean : `${clean.slice(0, SUBJECT_MAX - 3).trimEnd()}...`;
}

/** `[certwatch] CRITICAL prod-eu: istio root expires in 12 days` (resolved/escalated say so). */
export function alertSubject(message: AlertMessage): string {
  const what = message.transition === 'opened' ? '' : `${message.transition.toUpperCase()} `;
  const severity = message.finding.severity.toUpperCase();
  const level = [message.mesh, message.level].filter(Boolean).join(' ');
  const gist =
    message.daysLeft !== undefined && level
      ? message.daysLeft < 0
        ? `${level} expired ${-message.daysLeft} days ago`
        : `${level} expires in ${message.daysLeft} days`
      : message.finding.rule.replace(/_/g, ' ');
  return snsSubject(`[certwatch] ${what}${severity} ${message.cluster}: ${gist}`);
}

/** The structured alert body. */
export function alertPayload(message: AlertMessage): SnsAlertPayload {
  const { finding } = message;
  return {
    schemaVersion: 1,
    kind: 'alert',
    key: message.key,
    transition: message.transition,
    cluster: message.cluster,
    clusterId: message.clusterId ?? message.cluster,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    remediation: finding.remediation ?? null,
    fingerprint: finding.fingerprint ?? null,
    subject: message.subject ?? null,
    level: message.level ?? null,
    mesh: message.mesh ?? null,
    daysLeft: message.daysLeft ?? null,
    sources: message.sources.slice(0, MAX_SOURCES),
    sourcesTotal: message.sources.length,
  };
}

function attribute(value: string): MessageAttributeValue {
  // SNS rejects an empty String attribute, which would lose the whole alert.
  return { DataType: 'String', StringValue: value === '' ? 'unknown' : value };
}

/** Publishes alerts and digests to SNS topics; resolves with the MessageId. */
export class SnsNotifier implements Notifier {
  readonly channel: string;
  private readonly options: SnsNotifierOptions;

  constructor(options: SnsNotifierOptions) {
    this.options = options;
    this.channel = options.channelName ?? 'sns';
  }

  /** Publishes one alert as JSON with filterable attributes. */
  async sendAlert(original: AlertMessage): Promise<DeliveryReceipt> {
    const message = printableDeep(original); // certificate-derived text: no control characters
    const command = new PublishCommand({
      TopicArn: this.options.alertTopicArn,
      Subject: alertSubject(message),
      Message: JSON.stringify(alertPayload(message)),
      MessageAttributes: {
        kind: attribute('alert'),
        severity: attribute(message.finding.severity),
        cluster: attribute(message.cluster),
        clusterId: attribute(message.clusterId ?? message.cluster),
        rule: attribute(message.finding.rule),
        transition: attribute(message.transition),
        // Stable across retries of one transition: subscribers drop a copy they already have.
        alertKey: attribute(message.key),
        deliveryId: attribute(message.delivery?.id ?? `${message.key}|${message.transition}`),
      },
    });
    return this.publish(command, `alert ${message.key}`);
  }

  /** Publishes the digest's plain text under its subject. */
  async sendDigest(original: DigestMessage): Promise<DeliveryReceipt> {
    const digest = { ...original, subject: printable(original.subject), text: printableLines(original.text) };
    const command = new PublishCommand({
      TopicArn: this.options.digestTopicArn ?? this.options.alertTopicArn,
      Subject: snsSubject(digest.subject),
      Message: fitMessage(digest.text),
      MessageAttributes: { kind: attribute('digest') },
    });
    return this.publish(command, 'digest');
  }

  private async publish(command: PublishCommand, what: string): Promise<DeliveryReceipt> {
    const topic = command.input.TopicArn;
    let messageId: string | undefined;
    try {
      messageId = (await this.options.client.send(command)).MessageId;
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new SnsDeliveryError(`sns publish of ${what} to ${topic} failed: ${reason}`, { cause: error });
    }
    if (!messageId) throw new SnsDeliveryError(`sns publish of ${what} to ${topic} returned no MessageId`);
    return { channel: this.channel, ref: messageId };
  }
}
