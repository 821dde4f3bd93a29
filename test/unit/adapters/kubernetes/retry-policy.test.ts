/** The retry policy: which failures repeat, how long each wait is, and that the budget ends waits. */
import { KubeApiError } from '#adapters/kubernetes/kube-api';
import { parseRetryAfter, retryDelay, retryPolicy, withRetries } from '#adapters/kubernetes/retry-policy';

const http = (status: number, retryAfterMs?: number) =>
  new KubeApiError(
    `HTTP ${status}`,
    status,
    'server_error',
    retryAfterMs === undefined ? {} : { retryAfterMs },
  );
const network = (transient: boolean) =>
  new KubeApiError('ECONNRESET', undefined, 'unreachable', { transient });

/** A policy whose sleeps are recorded, not waited; random() returns `r`. */
function recorded(r = 0.5, overrides = {}) {
  const waits: number[] = [];
  const policy = retryPolicy({
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => r,
    ...overrides,
  });
  return { policy, waits };
}

describe('retryDelay', () => {
  const { policy } = recorded(0.5);

  it.each([401, 403, 404, 400, 405, 409, 410, 422])('never retries HTTP %i', (status) => {
    expect(retryDelay(http(status), 1, policy)).toBeUndefined();
  });

  it.each([429, 500, 502, 503, 504])(
    'retries HTTP %i with full jitter under a doubling ceiling',
    (status) => {
      expect([1, 2, 3, 4].map((n) => retryDelay(http(status), n, policy))).toEqual([125, 250, 500, 1000]);
    },
  );

  it('caps the backoff at maxDelayMs', () => {
    const { policy: long } = recorded(0.999, { maxAttempts: 20 });
    expect(retryDelay(http(500), 12, long)).toBe(Math.floor(0.999 * 8000));
  });

  it('honours Retry-After exactly, and gives up when it is beyond the cap', () => {
    expect(retryDelay(http(429, 2000), 1, policy)).toBe(2000);
    expect(retryDelay(http(503, 0), 1, policy)).toBe(0);
    expect(retryDelay(http(429, 61_000), 1, policy)).toBeUndefined();
  });

  it('retries resets, cut and unparseable bodies (transient), not other failures', () => {
    expect(retryDelay(network(true), 1, policy)).toBe(125);
    expect(retryDelay(network(false), 1, policy)).toBeUndefined();
    const garbled = new KubeApiError('not JSON', 200, 'bad_data', { transient: true });
    expect(retryDelay(garbled, 1, policy)).toBe(125);
    const tooLarge = new KubeApiError('larger than', 200, 'bad_data');
    expect(retryDelay(tooLarge, 1, policy)).toBeUndefined();
    expect(retryDelay(new Error('plain'), 1, policy)).toBeUndefined();
  });

  it('stops after maxAttempts', () => {
    expect(retryDelay(http(500), 5, policy)).toBeUndefined();
  });
});

describe('withRetries', () => {
  it('repeats until success, waiting the computed delays', async () => {
    const { policy, waits } = recorded(0.5);
    const answers = [http(503, 1000), http(500), network(true)];
    let calls = 0;
    const result = await withRetries(policy, undefined, async () => {
      calls += 1;
      const next = answers.shift();
      if (next) throw next;
      return 'ok';
    });
    expect([result, calls, waits]).toEqual(['ok', 4, [1000, 250, 500]]);
  });

  it('throws the last error, saying how many attempts it took', async () => {
    const { policy, waits } = recorded(0);
    const error = await withRetries(policy, undefined, async () => {
      throw http(503);
    }).catch((e: unknown) => e as KubeApiError);
    expect(error.message).toBe('HTTP 503 (after 5 attempts)');
    expect(error.status).toBe(503);
    expect(waits).toHaveLength(4);
  });

  it('does not retry a 403', async () => {
    const { policy } = recorded();
    let calls = 0;
    const error = await withRetries(policy, undefined, async () => {
      calls += 1;
      throw new KubeApiError('HTTP 403', 403, 'permission_denied');
    }).catch((e: unknown) => e as KubeApiError);
    expect([calls, error.message]).toEqual([1, 'HTTP 403']);
  });

  it('stops waiting when the budget (signal) runs out, with the last error', async () => {
    const controller = new AbortController();
    const policy = retryPolicy({ baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1 });
    const started = Date.now();
    setTimeout(() => controller.abort(), 30);
    const error = await withRetries(policy, controller.signal, async () => {
      throw http(500);
    }).catch((e: unknown) => e as KubeApiError);
    expect(error.message).toBe('HTTP 500');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

it('parses Retry-After as seconds or an HTTP date', () => {
  const now = Date.parse('2026-05-01T00:00:00Z');
  expect(parseRetryAfter('3', now)).toBe(3000);
  expect(parseRetryAfter('Fri, 01 May 2026 00:00:10 GMT', now)).toBe(10_000);
  expect(parseRetryAfter('Thu, 30 Apr 2026 00:00:10 GMT', now)).toBe(0);
  expect(parseRetryAfter('soon', now)).toBeUndefined();
  expect(parseRetryAfter(undefined, now)).toBeUndefined();
});
