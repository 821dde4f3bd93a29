/**
 * The HTTP side of `certwatch serve`: `/metrics` (Prometheus text exposition), `/healthz` (the
 * process is alive) and `/readyz` (a first scan has completed). Read-only: GET and HEAD only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server answers from; called on every request. */
export interface ProbeHandlers {
  /** The exposition, or undefined while no scan has completed (503). */
  metrics(): string | undefined;
  /** True once the first scan completed. */
  ready(): boolean;
}

/** The Prometheus text exposition format served on /metrics. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A listening server. */
export interface ProbeServer {
  /** `http://host:port` actually bound (port 0 resolved). */
  readonly url: string;
  /** Stops accepting, ends idle and in-flight connections, resolves when closed. */
  close(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly type?: string;
}

function send(res: ServerResponse, head: boolean, reply: Reply): void {
  res.writeHead(reply.status, {
    'Content-Type': reply.type ?? 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(reply.body),
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : reply.body);
}

function reply(handlers: ProbeHandlers, path: string): Reply {
  if (path === '/healthz') return { status: 200, body: 'ok\n' };
  if (path === '/readyz') {
    return handlers.ready()
      ? { status: 200, body: 'ready\n' }
      : { status: 503, body: 'not ready: the first scan has not completed\n' };
  }
  if (path === '/metrics') {
    const text = handlers.metrics();
    return text === undefined
      ? { status: 503, body: 'no scan has completed yet\n' }
      : { status: 200, body: text, type: EXPOSITION_CONTENT_TYPE };
  }
  return { status: 404, body: 'not found: try /metrics, /healthz or /readyz\n' };
}

function handle(handlers: ProbeHandlers, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, false, { status: 405, body: 'method not allowed\n' });
    return;
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  send(res, req.method === 'HEAD', reply(handlers, path));
}

/** Starts listening on `host:port` (port 0: any free port). */
export function startProbeServer(handlers: ProbeHandlers, host: string, port: number): Promise<ProbeServer> {
  const server: Server = createServer((req, res) => {
    try {
      handle(handlers, req, res);
    } catch (error) {
      send(res, false, { status: 500, body: `internal error: ${(error as Error).message}\n` });
    }
  });
  // A scraper that opens a connection and says nothing must not hold the process at shutdown.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shown}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
