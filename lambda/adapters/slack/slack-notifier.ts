/**
 * Slack adapter for the Notifier port: Block Kit alerts (follow-ups threaded under the opening
 * message) and digest summaries via chat.postMessage. Imports @slack/web-api, ports and its own
 * files. Retries are bounded so a run with Slack down fails in seconds, not half an hour.
 */
import {
  type ChatPostMessageArguments,
  type Logger,
  LogLevel,
  type RetryOptions,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { printable, printableDeep, printableLines } from '../../domain/printable';
import type {
  AlertMessage,
  DeliveryLookup,
  DeliveryReceipt,
  DigestMessage,
  Notifier,
} from '../../ports/notifier';
import { alertBlocks, alertText, escapeMrkdwn, type SlackBlock } from './alert-blocks';
import { classifyingFetch, kindOf, stopWhenMaybeDelivered } from './request-failure';
import { SlackDeliveryError } from './slack-delivery-error';

/** How to reach Slack and how hard to try. */
export interface SlackNotifierOptions {
  /** Bot token (`xoxb-…`); never appears in errors or logs. */
  readonly token: string;
  /** Channel id (or name) to post to. */
  readonly channel: string;
  /** Receipt channel name. @default 'slack' */
  readonly channelName?: string;
  /** API base, e.g. `http://127.0.0.1:PORT/api/` in tests. @default - Slack's own */
  readonly slackApiUrl?: string;
  /** Retries for 5xx and refused connections (never for timeouts). @default - 2 retries within about a second */
  readonly retryConfig?: RetryOptions;
  /** A 429 asking to wait longer than this fails the call instead. @default 5 */
  readonly maxRetryAfterSeconds?: number;
  /** Rate-limited answers tolerated per call before giving up. @default 2 */
  readonly maxRateLimitedRetries?: number;
  /** Per-request timeout. @default 5000 */
  readonly timeoutMs?: number;
  /** @default - the SDK's console logger at ERROR level */
  readonly logger?: Logger;
}

/** Bounded default: with Slack down a call fails after ~3 attempts in about a second. */
export const BOUNDED_RETRY: RetryOptions = { retries: 2, factor: 1.5, minTimeout: 200, maxTimeout: 1000 };

type PostArgs = {
  channel: string;
  text: string;
  blocks: SlackBlock[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  unfurl_links: false;
  metadata?: { event_type: string; event_payload: Record<string, string | number> };
};

/** The metadata event type of certwatch's alert messages. */
export const ALERT_EVENT_TYPE = 'certwatch_alert';
/** Pages of conversation history read when looking for a delivery (200 messages each). */
const LOOKUP_PAGES = 5;
/** Answers that mean the channel cannot be searched at all (scope, membership, a channel name). */
const UNSEARCHABLE = new Set([
  'channel_not_found',
  'missing_scope',
  'not_in_channel',
  'not_allowed_token_type',
]);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delivers alerts and digests to one Slack channel; resolves only when Slack answered `ok`. */
export class SlackNotifier implements Notifier {
  readonly channel: string;
  private readonly client: WebClient;
  private readonly options: SlackNotifierOptions;

  constructor(options: SlackNotifierOptions) {
    this.options = options;
    this.channel = options.channelName ?? 'slack';
    this.client = new WebClient(options.token, {
      slackApiUrl: options.slackApiUrl,
      // Not part of the typed RetryOptions, but WebClient hands this object to p-retry as is.
      retryConfig: {
        ...(options.retryConfig ?? BOUNDED_RETRY),
        onFailedAttempt: stopWhenMaybeDelivered,
      } as RetryOptions,
      rejectRateLimitedCalls: true, // we wait ourselves, with a cap
      timeout: options.timeoutMs ?? 5000,
      fetch: classifyingFetch,
      logger: options.logger,
      logLevel: options.logger ? undefined : LogLevel.ERROR,
    });
  }

  /** Posts an alert; follow-ups (escalated, renotified, resolved) go in the opening message's thread. */
  async sendAlert(original: AlertMessage): Promise<DeliveryReceipt> {
    const message = printableDeep(original); // certificate-derived text: no control characters
    const threaded = message.transition !== 'opened' && message.threadRef ? message.threadRef : undefined;
    const args: PostArgs = {
      channel: this.options.channel,
      text: alertText(message),
      blocks: alertBlocks(message),
      unfurl_links: false,
    };
    if (threaded) {
      args.thread_ts = threaded;
      // An escalation should be seen in the channel; a resolution only by those who follow the thread.
      args.reply_broadcast = message.transition === 'escalated';
    }
    if (message.delivery) {
      args.metadata = {
        event_type: ALERT_EVENT_TYPE,
        event_payload: {
          alert_key: message.key,
          delivery_id: message.delivery.id,
          attempt: message.delivery.attempt,
          transition: message.transition,
        },
      };
    }
    return { channel: this.channel, ref: await this.post(args) };
  }

  /**
   * Looks for a message of `message.delivery` posted since `since`: in the channel's history for an
   * opening, in the thread for a follow-up (metadata is returned only with include_all_metadata).
   */
  async findDelivery(message: AlertMessage, since: Date): Promise<DeliveryLookup> {
    const id = message.delivery?.id;
    if (!id) return { status: 'absent' };
    const thread = message.transition !== 'opened' ? message.threadRef : undefined;
    const window = {
      channel: this.options.channel,
      oldest: (since.getTime() / 1000).toFixed(6),
      inclusive: true,
    };
    try {
      let cursor: string | undefined;
      for (let page = 0; page < LOOKUP_PAGES; page++) {
        const args = { ...window, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
        const out = thread
          ? await this.client.conversations.replies({ ...args, ts: thread })
          : await this.client.conversations.history(args);
        const hit = (out.messages ?? []).find(
          (m) => (m.metadata?.event_payload as Record<string, unknown> | undefined)?.['delivery_id'] === id,
        );
        if (hit?.ts) return { status: 'found', receipt: { channel: this.channel, ref: hit.ts } };
        cursor = out.response_metadata?.next_cursor || undefined;
        if (!cursor) return { status: 'absent' };
      }
      return { status: 'unknown', reason: `not in the last ${LOOKUP_PAGES * 200} messages searched` };
    } catch (error) {
      const code = error instanceof WebAPIPlatformError ? error.data.error : undefined;
      if (code && UNSEARCHABLE.has(code)) {
        return { status: 'absent', note: `channel history cannot be searched (${code}): sending again` };
      }
      return { status: 'unknown', reason: this.toDeliveryError(error).message };
    }
  }

  /** Posts the digest's subject and short summary. */
  async sendDigest(original: DigestMessage): Promise<DeliveryReceipt> {
    const digest = { subject: printable(original.subject), summary: printableLines(original.summary) };
    const blocks: SlackBlock[] = [
      { type: 'header', text: { type: 'plain_text', text: digest.subject.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(digest.summary).slice(0, 2900) } },
    ];
    const args: PostArgs = {
      channel: this.options.channel,
      text: escapeMrkdwn(digest.summary),
      blocks,
      unfurl_links: false,
    };
    return { channel: this.channel, ref: await this.post(args) };
  }

  private async post(args: PostArgs): Promise<string> {
    const maxRetryAfter = this.options.maxRetryAfterSeconds ?? 5;
    const maxRateLimited = this.options.maxRateLimitedRetries ?? 2;
    for (let rateLimited = 0; ; rateLimited++) {
      try {
        // The SDK's argument type is a union per threading mode; our one shape is valid for each.
        const result = await this.client.chat.postMessage(args as ChatPostMessageArguments);
        if (!result.ts) throw new SlackDeliveryError('no_ts', 'Slack answered ok without a message ts');
        return result.ts;
      } catch (error) {
        const waitSeconds = error instanceof WebAPIRateLimitedError ? error.retryAfter : undefined;
        if (waitSeconds === undefined || waitSeconds > maxRetryAfter || rateLimited >= maxRateLimited) {
          throw this.toDeliveryError(error);
        }
        await sleep(waitSeconds * 1000);
      }
    }
  }

  private toDeliveryError(error: unknown): SlackDeliveryError {
    if (error instanceof SlackDeliveryError) return error;
    const [code, detail] = describe(error);
    return new SlackDeliveryError(code, this.redact(detail), { cause: error });
  }

  private redact(text: string): string {
    return this.options.token ? text.split(this.options.token).join('[redacted]') : text;
  }
}

function describe(error: unknown): [string, string] {
  if (error instanceof WebAPIPlatformError) return [error.data.error, `chat.postMessage answered ok:false`];
  if (error instanceof WebAPIRateLimitedError) {
    return ['rate_limited', `rate limited; Slack asked to wait ${error.retryAfter} s`];
  }
  if (error instanceof WebAPIHTTPError) return [`http_${error.statusCode}`, `HTTP ${error.statusCode}`];
  if (error instanceof WebAPIRequestError) return [kindOf(error), error.original.message];
  const message = error instanceof Error ? error.message : String(error);
  // The SDK gives up on a 429 without a usable Retry-After with a plain Error: still a rate limit.
  if (message.startsWith('Retry header did not contain a valid timeout')) return ['rate_limited', message];
  return ['request_failed', message];
}
