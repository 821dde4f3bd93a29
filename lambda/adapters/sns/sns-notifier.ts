/**
 * SNS adapter for the Notifier port. Every publish uses `MessageStructure: json`: e-mail
 * subscribers get readable text, `sqs`/`lambda`/`http(s)`/`email-json`/`default` the structured JSON
 * (schemaVersion 1: the alert payload, or the digest's subject and text), with message attributes
 * for subscription filters. Imports @aws-sdk/client-sns (client injected), ports and domain types.
 * Failures throw.
 */

import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { printable, printableDeep, printableLines } from '../../domain/printable';
import { ruleDocAnchor } from '../../domain/rule-doc';
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
// A structured message carries the text twice (e-mail, and inside the JSON) and escapes it once or
// twice: start each part at a quarter of the limit (fitStructured cuts further when escaping bites).
const MAX_PART_BYTES = 60_000;

/** Cuts `text` to `maxBytes` (default: SNS's size limit), saying so at the end. */
export function fitMessage(text: string, maxBytes = MAX_MESSAGE_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8')
    .subarray(0, maxBytes)
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

/** Most places an alert e-mail lists; the JSON has up to MAX_SOURCES and the total. */
const TEXT_SOURCES = 10;

function place(source: AlertMessage['sources'][number]): string {
  const where = source.namespace ? `${source.namespace}/${source.name}` : source.name;
  return `${source.kind} ${where}${source.key ? `:${source.key}` : ''}`;
}

/** The alert as an e-mail reader wants it: what, where, what to do, which rule. */
export function alertText(message: AlertMessage): string {
  const { finding } = message;
  const certificate = [
    message.subject ? `'${message.subject}'` : undefined,
    [message.mesh, message.level].filter(Boolean).join(' ') || undefined,
    message.daysLeft === undefined
      ? undefined
      : message.daysLeft < 0
        ? `expired ${-message.daysLeft} days ago`
        : `${message.daysLeft} days left`,
  ].filter(Boolean);
  const shown = message.sources.slice(0, TEXT_SOURCES).map((s) => `  - ${place(s)}`);
  const more = message.sources.length - shown.length;
  return [
    `${finding.severity.toUpperCase()} (${message.transition}) in cluster ${message.cluster}`,
    '',
    finding.message,
    ...(finding.remediation ? ['', `What to do: ${finding.remediation}`] : []),
    ...(certificate.length > 0 ? ['', `Certificate: ${certificate.join(', ')}`] : []),
    ...(shown.length > 0 ? ['', 'Seen at:', ...shown, ...(more > 0 ? [`  … and ${more} more`] : [])] : []),
    '',
    `Rule: ${finding.rule} (${ruleDocAnchor(finding.rule)} in certwatch)`,
    `Alert: ${message.key}`,
    '',
  ].join('\n');
}

/** The JSON digest body machine subscribers get. */
export interface SnsDigestPayload {
  readonly schemaVersion: 1;
  readonly kind: 'digest';
  readonly subject: string;
  readonly text: string;
}

/**
 * A `MessageStructure: json` body: `text` for e-mail, the JSON as `default`, which SNS sends to
 * every protocol not listed (sqs, lambda, http/https, email-json, firehose).
 */
export function structuredMessage(text: string, json: string): string {
  return JSON.stringify({ default: json, email: text });
}

/**
 * The structured body within SNS's size limit: the text (which the JSON may carry too) is cut to
 * smaller budgets until the escaped whole fits; a few halvings are enough for any input.
 */
function fitStructured(text: string, jsonFor: (text: string) => string): string {
  let budget = MAX_PART_BYTES;
  for (;;) {
    const fitted = fitMessage(text, budget);
    const body = structuredMessage(fitted, jsonFor(fitted));
    if (Buffer.byteLength(body, 'utf8') <= MAX_MESSAGE_BYTES || budget < 1000) return body;
    budget = Math.floor(budget / 2);
  }
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

  /** Publishes one alert: text for e-mail, JSON for the rest, with filterable attributes. */
  async sendAlert(original: AlertMessage): Promise<DeliveryReceipt> {
    const message = printableDeep(original); // certificate-derived text: no control characters
    const command = new PublishCommand({
      TopicArn: this.options.alertTopicArn,
      Subject: alertSubject(message),
      MessageStructure: 'json',
      Message: fitStructured(alertText(message), () => JSON.stringify(alertPayload(message))),
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

  /** Publishes the digest: its plain text for e-mail, `{ subject, text }` JSON for the rest. */
  async sendDigest(original: DigestMessage): Promise<DeliveryReceipt> {
    const digest = { ...original, subject: printable(original.subject), text: printableLines(original.text) };
    const json = (text: string) =>
      JSON.stringify({
        schemaVersion: 1,
        kind: 'digest',
        subject: digest.subject,
        text,
      } satisfies SnsDigestPayload);
    const command = new PublishCommand({
      TopicArn: this.options.digestTopicArn ?? this.options.alertTopicArn,
      Subject: snsSubject(digest.subject),
      MessageStructure: 'json',
      Message: fitStructured(digest.text, json),
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
