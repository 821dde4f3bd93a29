/** One HTTPS request to an API server with a timeout and cancellation; failures become `KubeApiError`. */
import type { IncomingMessage } from 'node:http';
import { type RequestOptions as HttpsOptions, request } from 'node:https';
import type { SourceFailureReason } from '../../ports/certificate-source';
import { KubeApiError } from './kube-api';

/** Fills TLS material, agent and Authorization header (from a kubeconfig or a token provider). */
export type PrepareRequest = (options: HttpsOptions) => Promise<void>;

/** A request to send: `path` includes the query string. */
export interface KubeRequest {
  readonly cluster: string;
  readonly server: string;
  readonly path: string;
  readonly accept: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly maxBytes: number;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Stable reason for an HTTP status that is not 2xx. */
export function reasonForStatus(status: number): SourceFailureReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  // 5xx, 429 (throttled) and 410 (expired continue token) are the server's and pass with time;
  // other 4xx mean the request itself was wrong.
  if (status >= 500 || status === 429 || status === 410) return 'server_error';
  return 'bad_data';
}

/** The `message` of a Status body, or the start of the body. */
function statusMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200).trim() || '(empty body)';
}

function networkReason(error: NodeJS.ErrnoException): SourceFailureReason | undefined {
  if (error.code && NETWORK_CODES.has(error.code)) return 'unreachable';
  // TLS failures (unknown CA, wrong host name) leave the cluster just as unreachable.
  if (error.code?.startsWith('ERR_TLS') || /CERT|SELF_SIGNED|UNABLE_TO/.test(error.code ?? ''))
    return 'unreachable';
  return undefined;
}

function readBody(res: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) res.destroy(new Error(`response larger than ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('response aborted')));
  });
}

function send(options: HttpsOptions, maxBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      readBody(res, maxBytes).then((body) => resolve({ status: res.statusCode ?? 0, body }), reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function failure(
  r: KubeRequest,
  detail: string,
  reason: SourceFailureReason,
  status?: number,
  cause?: unknown,
) {
  return new KubeApiError(`cluster "${r.cluster}": GET ${r.path}: ${detail}`, status, reason, { cause });
}

function classify(r: KubeRequest, error: unknown, timeout: AbortSignal): KubeApiError {
  if (timeout.aborted) return failure(r, `timed out after ${r.timeoutMs} ms`, 'timeout', undefined, error);
  if (r.signal?.aborted) return failure(r, 'cancelled', 'timeout', undefined, error);
  const err = error as NodeJS.ErrnoException;
  const reason = networkReason(err) ?? (/larger than/.test(err.message) ? 'bad_data' : 'unreachable');
  return failure(r, `${err.code ? `${err.code}: ` : ''}${err.message}`, reason, undefined, error);
}

/** Sends a GET; resolves with the body of a 2xx answer, throws a classified `KubeApiError` otherwise. */
export async function kubeGet(r: KubeRequest, prepare: PrepareRequest): Promise<string> {
  const url = new URL(r.server.replace(/\/+$/, '') + r.path);
  const timeout = AbortSignal.timeout(r.timeoutMs);
  const signal = r.signal ? AbortSignal.any([r.signal, timeout]) : timeout;
  const options: HttpsOptions = {
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || undefined,
    path: url.pathname + url.search,
    headers: { Accept: r.accept, 'User-Agent': 'certwatch' },
    signal,
  };
  try {
    await prepare(options);
  } catch (error) {
    throw failure(
      r,
      `could not get credentials: ${(error as Error).message}`,
      'unauthorized',
      undefined,
      error,
    );
  }
  let answer: { status: number; body: string };
  try {
    answer = await send(options, r.maxBytes);
  } catch (error) {
    throw classify(r, error, timeout);
  }
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  const detail = `HTTP ${answer.status}: ${statusMessage(answer.body)}`;
  throw failure(r, detail, reasonForStatus(answer.status), answer.status);
}
