/**
 * One HTTP(S) GET to a server outside the cluster (Vault), bounded in time and size, with an
 * optional CA to trust. Errors come back as `ExternalReadError` with a stable failure reason;
 * request headers (which may hold a token) never appear in an error.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SourceFailureReason } from '../../ports/certificate-source';

/** Options of {@link boundedGet}. */
export interface BoundedGetOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM of the CA(s) to trust instead of the system store. */
  readonly caPem?: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

/** A response, whatever its status. */
export interface BoundedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A read that failed before a response came back, classified. */
export class ExternalReadError extends Error {
  constructor(
    message: string,
    readonly reason: SourceFailureReason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExternalReadError';
  }
}

// Node's TLS verification codes: a certificate problem, not a network one.
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/;

function classify(error: unknown, url: URL): ExternalReadError {
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_CODES.test(code))
    return new ExternalReadError(`TLS to ${url.host} failed: ${code} (${message})`, 'unreachable', {
      cause: error,
    });
  return new ExternalReadError(`${url.host}: ${code || message}`, 'unreachable', { cause: error });
}

/** GETs `url`; resolves with any status, rejects with an ExternalReadError on network, TLS, size or time. */
export function boundedGet(url: URL, options: BoundedGetOptions): Promise<BoundedResponse> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const fail = (error: ExternalReadError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = request(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json, application/x-pem-file', ...options.headers },
        ...(options.caPem ? { ca: options.caPem } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes)
            fail(
              new ExternalReadError(
                `${url.host}: response larger than ${options.maxBytes} bytes`,
                'bad_data',
              ),
            );
          else chunks.push(chunk);
        });
        res.on('error', (error) => fail(classify(error, url)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    const timer = setTimeout(
      () => fail(new ExternalReadError(`${url.host}: no answer within ${options.timeoutMs} ms`, 'timeout')),
      options.timeoutMs,
    );
    req.on('error', (error) => {
      if (options.signal?.aborted || (error as { name?: string }).name === 'AbortError')
        fail(new ExternalReadError(`${url.host}: the scan deadline passed`, 'timeout', { cause: error }));
      else fail(classify(error, url));
    });
    req.end();
  });
}
