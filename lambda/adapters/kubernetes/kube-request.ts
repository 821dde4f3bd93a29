/**
 * One HTTPS GET to an API server with a timeout and cancellation; failures become `KubeApiError`,
 * marked transient (resets, cut bodies, per-request timeouts) or carrying Retry-After so the
 * retry policy can decide. Bodies are read up to a cap (a workload's streamed line by line);
 * error text is cut and cleaned here.
 */
import type { IncomingMessage } from 'node:http';
import { type RequestOptions as HttpsOptions, request } from 'node:https';
import { boundedText } from '../../domain/bounded-text';
import type { SourceFailureReason } from '../../ports/certificate-source';
import { KubeApiError, type LineFilter, type StreamedLines } from './kube-api';
import { LineSplitter } from './line-splitter';
import { parseRetryAfter } from './retry-policy';

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
  /** Largest 2xx body accepted; a larger one fails as `bad_data` (never retried). */
  readonly maxBytes: number;
}

/** Only the start of an error body is read: its message is cut to a few hundred characters anyway. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
]);

/** Network errors a restarting or overloaded server causes; the same GET may succeed. */
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

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

/** The `message` of a Status body, or the start of the body; cut and without control characters. */
function statusMessage(body: string): string {
  let text = body;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') text = parsed.message;
  } catch {
    // Not JSON, or a huge Status cut at MAX_ERROR_BODY_BYTES: take its message's start if it has one.
    text = cutStatusMessage(body) ?? body;
  }
  return boundedText(text) || '(empty body)';
}

/** The start of `"message": "…"` in a JSON text too long to parse whole (bounded, linear). */
function cutStatusMessage(body: string): string | undefined {
  const match = /"message"\s*:\s*"((?:[^"\\]|\\.){0,600})/.exec(body.slice(0, 4096));
  if (!match?.[1]) return undefined;
  const quoted = match[1].replace(/\\u?[0-9a-fA-F]{0,3}$|\\$/, ''); // an escape cut at the end
  try {
    return JSON.parse(`"${quoted}"`) as string;
  } catch {
    return quoted;
  }
}

function networkReason(error: NodeJS.ErrnoException): SourceFailureReason | undefined {
  if (error.code && NETWORK_CODES.has(error.code)) return 'unreachable';
  // TLS failures (unknown CA, wrong host name) leave the cluster just as unreachable.
  if (error.code?.startsWith('ERR_TLS') || /CERT|SELF_SIGNED|UNABLE_TO/.test(error.code ?? ''))
    return 'unreachable';
  return undefined;
}

/** The body was larger than allowed: a fact about the object, not a passing fault. */
class BodyTooLarge extends Error {}

/** The connection closed before the body ended. */
class BodyCut extends Error {}

/** A 2xx answer carries what its reader made of the body; any other its (capped) error body. */
interface Answer<T> {
  readonly status: number;
  readonly value?: T;
  readonly body?: string;
  readonly retryAfter?: string;
}

/** Rejects when the response errors or closes before its end, unless `finished()` already. */
function rejectOnBreak(
  res: IncomingMessage,
  finished: () => boolean,
  reject: (error: unknown) => void,
): void {
  res.on('error', (error) => {
    if (!finished()) reject(error);
  });
  res.on('aborted', () => {
    if (!finished()) reject(new BodyCut('response cut before its end'));
  });
  res.on('close', () => {
    if (!finished() && !res.complete) reject(new BodyCut('response cut before its end'));
  });
}

/** Reads the body up to `maxBytes`; `stopAtCap` keeps what was read instead of failing. */
function readBody(res: IncomingMessage, maxBytes: number, stopAtCap: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = () => {
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = maxBytes - size;
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      if (stopAtCap) {
        chunks.push(chunk.subarray(0, room));
        finish();
        res.destroy();
      } else {
        done = true;
        res.destroy();
        reject(new BodyTooLarge(`response larger than ${maxBytes} bytes`));
      }
    });
    res.on('end', () => {
      if (!done) finish();
    });
    rejectOnBreak(res, () => done, reject);
  });
}

/**
 * Reads a 2xx body line by line up to `maxBytes`, keeping the lines `filter` wants (at most
 * `filter.maxKept`, then it stops reading); past the cap it stops and says so. Memory: one line.
 */
function readLines(res: IncomingMessage, maxBytes: number, filter: LineFilter): Promise<StreamedLines> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => {
      if (lines.length < filter.maxKept && filter.keep(line)) lines.push(line);
    });
    let size = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      done = true;
      resolve({ lines, truncated, overlongLines: splitter.overlongLines });
    };
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      const room = maxBytes - size;
      size += chunk.length;
      splitter.push(size <= maxBytes ? chunk : chunk.subarray(0, room));
      if (size > maxBytes || lines.length >= filter.maxKept) {
        finish(size > maxBytes);
        res.destroy();
      }
    });
    res.on('end', () => {
      if (done) return;
      splitter.end();
      finish(false);
    });
    rejectOnBreak(res, () => done, reject);
  });
}

/** Sends the GET; a 2xx body is read by `readOk`, any other by the capped error reader. */
function send<T>(
  options: HttpsOptions,
  readOk: (res: IncomingMessage) => Promise<T>,
  progress: { answered: boolean },
): Promise<Answer<T>> {
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      progress.answered = true;
      const status = res.statusCode ?? 0;
      const header = res.headers['retry-after'];
      const retryAfter = typeof header === 'string' ? { retryAfter: header } : {};
      if (status >= 200 && status < 300) {
        readOk(res).then((value) => resolve({ status, value, ...retryAfter }), reject);
      } else {
        readBody(res, MAX_ERROR_BODY_BYTES, true).then(
          (body) => resolve({ status, body, ...retryAfter }),
          reject,
        );
      }
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
  options: { cause?: unknown; transient?: boolean; retryAfterMs?: number } = {},
) {
  return new KubeApiError(`cluster "${r.cluster}": GET ${r.path}: ${detail}`, status, reason, options);
}

function classify(r: KubeRequest, error: unknown, timeout: AbortSignal): KubeApiError {
  if (r.signal?.aborted) {
    return failure(r, 'cancelled (the scan budget ran out)', 'timeout', undefined, { cause: error });
  }
  if (timeout.aborted) {
    const detail = `timed out after ${r.timeoutMs} ms`;
    return failure(r, detail, 'timeout', undefined, { cause: error, transient: true });
  }
  if (error instanceof BodyTooLarge) return failure(r, error.message, 'bad_data', 200, { cause: error });
  if (error instanceof BodyCut) {
    return failure(r, error.message, 'server_error', undefined, { cause: error, transient: true });
  }
  const err = error as NodeJS.ErrnoException;
  const reason = networkReason(err) ?? 'unreachable';
  const transient = TRANSIENT_CODES.has(err.code ?? '') || /socket hang up|aborted/i.test(err.message);
  const detail = boundedText(`${err.code ? `${err.code}: ` : ''}${err.message}`);
  return failure(r, detail, reason, undefined, { cause: error, transient });
}

/** Sends a GET; resolves with the body of a 2xx answer, throws a classified `KubeApiError` otherwise. */
export function kubeGet(r: KubeRequest, prepare: PrepareRequest): Promise<string> {
  return exchange(r, prepare, (res) => readBody(res, r.maxBytes, false), false);
}

/**
 * Sends a GET and streams a 2xx body line by line (at most `r.maxBytes` read, one line held), for
 * bodies a workload controls. A body still streaming when the request times out is not retried:
 * the server answered and the workload is slow, which a retry would only wait for again.
 */
export function kubeGetLines(
  r: KubeRequest,
  prepare: PrepareRequest,
  filter: LineFilter,
): Promise<StreamedLines> {
  return exchange(r, prepare, (res) => readLines(res, r.maxBytes, filter), true);
}

async function exchange<T>(
  r: KubeRequest,
  prepare: PrepareRequest,
  readOk: (res: IncomingMessage) => Promise<T>,
  slowBodyIsFinal: boolean,
): Promise<T> {
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
    const detail = `could not get credentials: ${boundedText((error as Error).message)}`;
    throw failure(r, detail, 'unauthorized', undefined, { cause: error });
  }
  let answer: Answer<T>;
  const progress = { answered: false };
  try {
    answer = await send(options, readOk, progress);
  } catch (error) {
    if (slowBodyIsFinal && progress.answered && timeout.aborted && !r.signal?.aborted) {
      throw failure(r, `body not finished within ${r.timeoutMs} ms`, 'timeout', undefined, { cause: error });
    }
    throw classify(r, error, timeout);
  }
  if (answer.status >= 200 && answer.status < 300) return answer.value as T;
  const detail = `HTTP ${answer.status}: ${statusMessage(answer.body ?? '')}`;
  const retryAfterMs =
    answer.status === 429 || answer.status === 503
      ? parseRetryAfter(answer.retryAfter, Date.now())
      : undefined;
  throw failure(r, detail, reasonForStatus(answer.status), answer.status, {
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
