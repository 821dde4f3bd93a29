/** The HTTPS side of the simulator: TLS, request log, faults, bearer-token authentication. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type ApiContext, handleApiRequest, type Identity, jsonOutcome, type Outcome } from './api-handler';
import type { FaultInjector } from './faults';
import type { ServingCert } from './serving-cert';
import { injected, internalError, unauthorized } from './status';
import type { Fault, RequestRecord } from './types';

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

/** A listening simulator server. */
export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

function faultOutcome(fault: Fault): Outcome | undefined {
  if (fault.body !== undefined) {
    return { code: fault.status ?? 200, body: fault.body, contentType: 'application/json' };
  }
  return fault.status !== undefined ? jsonOutcome(injected(fault.status)) : undefined;
}

/** Starts the HTTPS server on 127.0.0.1, port 0. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const waiting = new Set<() => void>();
  let address = '127.0.0.1:0';

  const delay = (ms: number, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiting.add(done);
      res.once('close', done);
    });

  async function answer(req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<Outcome> {
    const method = req.method ?? 'GET';
    const fault = deps.faults.take(method, record.path);
    if (fault?.delayMs) await delay(fault.delayMs, res);
    const faulted = fault && faultOutcome(fault);
    if (faulted) return faulted;
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const identity = match?.[1] ? await deps.authenticate(match[1]) : undefined;
    if (!identity) return jsonOutcome(unauthorized());
    record.user = identity.name;
    const query = new URL(req.url ?? '/', 'https://127.0.0.1').searchParams;
    return handleApiRequest({ ...deps.api, address }, { method, path: record.path, query, identity });
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    deps.requests.push(record);
    let outcome: Outcome;
    try {
      outcome = await answer(req, res, record);
    } catch (error) {
      outcome = jsonOutcome(internalError(`simulator: ${(error as Error).message}`));
    }
    if (res.destroyed || res.writableEnded) return;
    record.status = outcome.code;
    res.writeHead(outcome.code, { 'content-type': outcome.contentType });
    res.end(outcome.body);
  }

  const server: Server = createServer({ key: deps.cert.keyPem, cert: deps.cert.certPem }, (req, res) => {
    void onRequest(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;
  return {
    url: `https://127.0.0.1:${port}`,
    stop: async () => {
      for (const done of [...waiting]) done();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
