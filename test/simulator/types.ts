/** Shared shapes of the Kubernetes API simulator: objects, users, proxies, faults, scenarios. */

/** A Kubernetes object as stored by the simulator (plain JSON). */
export interface SimObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    creationTimestamp?: string;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** An authenticated identity, as RBAC sees it. */
export interface SimUser {
  readonly name: string;
  readonly groups?: readonly string[];
  /** Bearer token; defaults to `<name>-token`. */
  readonly token?: string;
}

/** What a proxy handler receives: the path after `/proxy`, and the query. */
export interface ProxyRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
}

/** What a proxy handler answers; a bare string is a 200 text/plain body. */
export interface ProxyResponse {
  readonly status?: number;
  readonly body: string;
  readonly contentType?: string;
}

/** Serves the traffic the API server would forward to a pod or service port. */
export type ProxyHandler = (
  request: ProxyRequest,
) => ProxyResponse | string | Promise<ProxyResponse | string>;

/** One pod or service port answered through `/proxy`. */
export interface ProxyRoute {
  readonly kind: 'pod' | 'service';
  readonly namespace: string;
  readonly name: string;
  readonly port: number | string;
  /** Only for services (`https:name:port`); default `http`. */
  readonly scheme?: 'http' | 'https';
  readonly handler: ProxyHandler;
}

/**
 * How the connection misbehaves: `reset` drops it before any answer; `truncate` sends the headers
 * (with the full Content-Length) and half the body, then drops it; `endless` streams a body that
 * never ends (until the client goes away), shaped by the fault's `stream` when it has one.
 */
export type ConnectionFault = 'reset' | 'truncate' | 'endless';

/** A fault injected on the requests whose path matches. */
export interface Fault {
  /** Exact path, a prefix ending in `*`, or a regular expression (path only, no query). */
  readonly path: string | RegExp;
  readonly method?: string;
  /** Only requests with this query parameter, e.g. `continue` (a LIST's later pages). */
  readonly withQuery?: string;
  /** Answer with this status (with `body`, or a Status object when `body` is absent). */
  readonly status?: number;
  /** Answer with this raw body (status 200 unless `status` is set), e.g. garbage JSON. */
  readonly body?: string;
  /** A `Retry-After` header (seconds or an HTTP date) on the faulted answer. */
  readonly retryAfter?: string;
  /** Wait this long first; alone, the request is then served normally. */
  readonly delayMs?: number;
  /** Break the connection instead of (or, for `truncate`, in the middle of) the normal answer. */
  readonly connection?: ConnectionFault;
  /** Apply to this many matching requests only; default every one. */
  readonly times?: number;
  /** With `connection: 'endless'`: what is streamed (a hostile workload's body). */
  readonly stream?: StreamShape;
}

/** A streamed 200 body: `chunk` repeated, one per `intervalMs`, ending after `totalBytes`. */
export interface StreamShape {
  /** @default 64 KiB of `x` (one line that never ends) */
  readonly chunk?: string;
  /** @default - never ends */
  readonly totalBytes?: number;
  /** Pause between chunks (a slow body). @default 0 - as fast as the socket takes it */
  readonly intervalMs?: number;
}

/** One request the simulator received, for tests that count API calls. */
export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  /** The Accept header (a metadata-only LIST asks for `as=PartialObjectMetadataList`). */
  readonly accept?: string;
  /** Authenticated user; absent when authentication failed or never happened (fault). */
  user?: string;
  /** HTTP status answered; 0 when the client went away first. */
  status: number;
}

/** A simulated cluster's content; build it from a fixed `now` so nothing expires. */
export interface Scenario {
  readonly name: string;
  readonly objects: readonly SimObject[];
  readonly proxies?: readonly ProxyRoute[];
  readonly users?: readonly SimUser[];
  /** CRD-backed API groups installed even without objects, e.g. `cert-manager.io`. */
  readonly crds?: readonly string[];
}

/** Builds a scenario from a fixed `now` (certificates minted relative to it never expire). */
export type ScenarioFactory = (now: Date) => Scenario | Promise<Scenario>;
