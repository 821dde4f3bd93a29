/**
 * Reads from Consul's own HTTP API at a configured address (`--consul-address`), not through the
 * API server: retried like every API server read (429/5xx with Retry-After honoured, refused or
 * reset connections, cut bodies), failures as KubeApiError so they become blind spots like any
 * other read, answers refused past a size cap.
 */
import { KubeApiError } from '../kube-api';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, withRetries } from '../retry-policy';
import { errorDetail } from './collector';

/** A Consul answer certwatch reads (roots, peerings) is a few certificates; more is not one. */
export const MAX_CONSUL_ANSWER_BYTES = 1024 * 1024;

/** GET `path` at `address`, retried; the body as text. */
export function consulGet(address: string, path: string, signal: AbortSignal): Promise<string> {
  return withRetries(DEFAULT_RETRY_POLICY, signal, () => getOnce(new URL(path, address), signal));
}

async function getOnce(url: URL, signal: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new KubeApiError(
      `Consul at ${url.origin} unreachable: ${errorDetail(error)}${causeCode(error)}`,
      undefined,
      'unreachable',
      { cause: error, transient: true },
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    const status = response.status;
    const reason =
      status === 404 ? 'not_found' : status >= 500 || status === 429 ? 'server_error' : 'permission_denied';
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after') ?? undefined, Date.now());
    throw new KubeApiError(`Consul answered HTTP ${status}`, status, reason, {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  try {
    return await cappedText(response, MAX_CONSUL_ANSWER_BYTES);
  } catch (error) {
    if (error instanceof KubeApiError || signal.aborted) throw error;
    throw new KubeApiError(`Consul answer cut short: ${errorDetail(error)}`, undefined, 'unreachable', {
      cause: error,
      transient: true,
    });
  }
}

/** ` (ECONNREFUSED)`: undici says only "fetch failed"; the reason is on its cause. */
function causeCode(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}

/** The body as text, read as a stream and refused (`bad_data`) past `maxBytes`. */
async function cappedText(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new KubeApiError(`Consul answer larger than ${maxBytes} bytes`, 200, 'bad_data');
    }
    chunks.push(value);
  }
}
