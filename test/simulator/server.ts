/** The HTTPS side of the simulator: TLS, request log, faults, bearer-token authentication. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ApiContext, handleApiRequest, type Identity, jsonOutcome, type Outcome } from './api-handler';
import type { FaultInjector } from './faults';
import type { ServingCert } from './serving-cert';
import { injected, internalError, unauthorized } from './status';
import type { Fault, RequestRecord, StreamShape } from './types';

/** Maps a bearer token to an identity; undefined means 401. */
export type TokenAuthenticator = (token: string) => Identity | undefined | Promise<Identity | undefined>;

/** What the HTTPS server needs besides the API context. */
export interface ServerDeps {
  readonly api: Omit<ApiContext, 'address'>;
  readonly faults: FaultInjector;
  readonly authenticate: TokenAuthenticator;
  readonly requests: RequestRecord[];
  readonly cert: ServingCert;
}

function faultOutcome(fault: Fault): Outcome | undefined {
  if (fault.body !== undefined) {
    return { code: fault.status ?? 200, body: fault.body, contentType: 'application/json' };
  }
  return fault.status !== undefined ? jsonOutcome(injected(fault.status)) : undefined;
}

/** Bytes of an endless body written per turn (backpressure is respected between turns). */
const ENDLESS_CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Streams `shape` (default: `ENDLESS_CHUNK`s) until its total is sent or the client goes away. */
function writeEndless(res: ServerResponse, shape: StreamShape = {}): void {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  const chunk = shape.chunk === undefined ? ENDLESS_CHUNK : Buffer.from(shape.chunk);
  const total = shape.totalBytes ?? Number.POSITIVE_INFINITY;
  let sent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  res.once('close', () => clearTimeout(timer));
  const next = () => {
    const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
    sent += piece.length;
    return piece;
  };
  const pump = () => {
    while (!res.destroyed && sent < total) {
      const more = res.write(next());
      if (shape.intervalMs) {
        timer = setTimeout(pump, shape.intervalMs);
        return;
      }
      if (!more) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** A listening simulator server on 127.0.0.1. */
export class SimulatorServer {
  private readonly server: Server;
  /** Pending injected delays, released early on stop so nothing outlives the test. */
  private readonly waiting = new Set<() => void>();
  private address = '127.0.0.1:0';
  /** TLS connections accepted so far (a client that keeps connections open makes few). */
  connections = 0;

  private constructor(private readonly deps: ServerDeps) {
    this.server = createServer({ key: deps.cert.keyPem, cert: deps.cert.certPem }, (req, res) => {
      void this.onRequest(req, res);
    });
    this.server.on('secureConnection', () => {
      this.connections += 1;
    });
  }

  /** Starts listening on a random port. */
  static async start(deps: ServerDeps): Promise<SimulatorServer> {
    const instance = new SimulatorServer(deps);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(0, '127.0.0.1', resolve);
    });
    instance.address = `127.0.0.1:${(instance.server.address() as AddressInfo).port}`;
    return instance;
  }

  /** `https://127.0.0.1:PORT`. */
  get url(): string {
    return `https://${this.address}`;
  }

  /** Releases delays, drops keep-alive connections, closes the server. */
  async stop(): Promise<void> {
    for (const done of [...this.waiting]) done();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private delay(ms: number, res: ServerResponse): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
      res.once('close', done);
    });
  }

  private async answer(
    req: IncomingMessage,
    res: ServerResponse,
    record: RequestRecord,
    fault: Fault | undefined,
  ): Promise<Outcome> {
    if (fault?.delayMs) await this.delay(fault.delayMs, res);
    const faulted = fault && faultOutcome(fault);
    if (faulted) return faulted;
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const identity = match?.[1] ? await this.deps.authenticate(match[1]) : undefined;
    if (!identity) return jsonOutcome(unauthorized());
    record.user = identity.name;
    const query = new URL(req.url ?? '/', 'https://127.0.0.1').searchParams;
    const metadataOnly = /as=PartialObjectMetadataList/.test(req.headers.accept ?? '');
    const request = { method: record.method, path: record.path, query, identity, metadataOnly };
    return handleApiRequest({ ...this.deps.api, address: this.address }, request);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      status: 0,
    };
    this.deps.requests.push(record);
    const fault = this.deps.faults.take(record.method, record.path, url.searchParams);
    if (fault?.connection === 'reset') {
      req.socket.destroy();
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await this.answer(req, res, record, fault);
    } catch (error) {
      outcome = jsonOutcome(internalError(`simulator: ${(error as Error).message}`));
    }
    if (res.destroyed || res.writableEnded) return;
    if (fault?.connection === 'endless') {
      record.status = 200;
      writeEndless(res, fault.stream);
      return;
    }
    record.status = outcome.code;
    const headers: Record<string, string | number> = { 'content-type': outcome.contentType };
    if (fault?.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
    if (fault?.connection === 'truncate') {
      const body = Buffer.from(outcome.body);
      res.writeHead(outcome.code, { ...headers, 'content-length': body.length });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    res.writeHead(outcome.code, headers);
    res.end(outcome.body);
  }
}
