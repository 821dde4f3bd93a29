/**
 * When and how long to wait before repeating a GET, the way client-go does it: Retry-After on 429
 * and 503, capped exponential backoff with full jitter on other 5xx, resets and cut or unparseable
 * bodies; never on 401/403/404 or other 4xx. Waits end early when the scan's signal aborts.
 */
import { KubeApiError } from './kube-api';

/** Tuning of the retries; `sleep` and `random` are injectable so tests are fast and deterministic. */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  /** Backoff ceiling of the first retry; doubles each time. */
  readonly baseDelayMs: number;
  /** Backoff ceiling. */
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the read fails at once. */
  readonly maxRetryAfterMs: number;
  /** Resolves after `ms`, or rejects when `signal` aborts first. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

/** Waits `ms`; rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** client-go-like defaults: 5 attempts, 250 ms doubling to 8 s, Retry-After up to 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  sleep: abortableSleep,
  random: Math.random,
};

/** The policy with some fields replaced. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/** Statuses that say nothing about the object and pass with time. */
function transientStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** True when repeating the same GET may succeed: throttling, 5xx, resets, cut or garbled bodies. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof KubeApiError)) return false;
  if (error.status !== undefined && error.status !== 200) return transientStatus(error.status);
  return error.transient;
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1), or undefined when the
 * error is not worth retrying or the attempts (or the Retry-After cap) are used up.
 */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy): number | undefined {
  if (attempt >= policy.maxAttempts || !isRetryable(error)) return undefined;
  const retryAfterMs = (error as KubeApiError).retryAfterMs;
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling); // full jitter
}

/** Runs `attempt` until it succeeds, fails for good, or the signal aborts; the last error is thrown. */
export async function withRetries<T>(
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      const delay = retryDelay(error, n, policy);
      if (delay === undefined || signal?.aborted) throw annotate(error, n);
      try {
        await policy.sleep(delay, signal);
      } catch {
        throw annotate(error, n); // the budget ran out while waiting: report what was last seen
      }
    }
  }
}

/** Says how many attempts a retried failure took. */
function annotate(error: unknown, attempts: number): unknown {
  if (attempts === 1 || !(error instanceof KubeApiError)) return error;
  return error.withDetail(`after ${attempts} attempts`);
}

/** Seconds or an HTTP-date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
