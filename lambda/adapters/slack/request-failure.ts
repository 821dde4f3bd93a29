/**
 * Sorts failed Slack requests into those that surely did not post (safe to retry within one call)
 * and those that may have posted (timeout, connection lost mid-request): retrying those could
 * post the same alert twice, so they fail the call and the alert state retries on the next run.
 */
import { type FetchFunction, WebAPIRequestError } from '@slack/web-api';

/** Failure kind of a request that got no HTTP answer. */
export type RequestFailureKind = 'unreachable' | 'timeout' | 'connection_lost';

// Errors raised before a single byte reached Slack.
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** A transport failure, classified where the raw fetch error (and its `cause`) is still at hand. */
export class SlackTransportError extends Error {
  override readonly name = 'SlackTransportError';
  constructor(
    readonly kind: RequestFailureKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && out.length < 6; e = (e as { cause?: unknown }).cause) {
    out.push(e);
  }
  return out;
}

/** What kind of transport failure a raw fetch error is (duck-typed: errors may come from another realm). */
export function requestFailureKind(error: unknown): RequestFailureKind {
  const links = chain(error);
  const names = links.map((e) => String((e as { name?: unknown }).name ?? ''));
  if (names.includes('TimeoutError') || names.includes('AbortError')) return 'timeout';
  const codes = links.map((e) => String((e as { code?: unknown }).code ?? ''));
  return codes.some((c) => NEVER_SENT.has(c)) ? 'unreachable' : 'connection_lost';
}

function messageOf(error: unknown): string {
  return chain(error)
    .map((e) => String((e as { message?: unknown }).message ?? e))
    .join(': ');
}

/**
 * `fetch` for WebClient that classifies failures before the SDK wraps them (the SDK replaces
 * errors from another realm — jest's, Node's internal fetch — by a bare message, losing `cause`).
 */
export const classifyingFetch: FetchFunction = async (url, init) => {
  try {
    // tsconfig's DOM lib lacks Headers.entries (DOM.Iterable); Node's Response has it.
    return (await fetch(url, init)) as unknown as Awaited<ReturnType<FetchFunction>>;
  } catch (error) {
    throw new SlackTransportError(requestFailureKind(error), messageOf(error), { cause: error });
  }
};

/** The kind of a WebClient request error, `connection_lost` when unknown (the cautious answer). */
export function kindOf(error: WebAPIRequestError): RequestFailureKind {
  return error.original instanceof SlackTransportError
    ? error.original.kind
    : requestFailureKind(error.original);
}

/**
 * p-retry hook (WebClient passes retryConfig to p-retry, whose `onFailedAttempt` may throw to stop):
 * stop retrying when the failed attempt may already have posted.
 */
export function stopWhenMaybeDelivered(error: unknown): void {
  if (error instanceof WebAPIRequestError && kindOf(error) !== 'unreachable') throw error;
}
