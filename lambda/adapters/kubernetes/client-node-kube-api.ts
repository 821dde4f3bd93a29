/**
 * `KubeApi` over @kubernetes/client-node: client-node reads the kubeconfig and does the auth (TLS
 * material, tokens, exec plugins); requests go through one small HTTPS path (`kubeGet`) so core
 * objects, CRDs and proxies share timeouts, cancellation, pagination and error classification.
 */
import { existsSync } from 'node:fs';
import { Agent } from 'node:https';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { groupVersionsOf } from './discovery-document';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  type KubeApi,
  KubeApiError,
  type KubeObject,
  type LineFilter,
  type ListOptions,
  type RequestOptions,
  type StreamedLines,
} from './kube-api';
import { KubeConfig } from './kube-config';
import { type KubeRequest, kubeGet, kubeGetLines, type PrepareRequest } from './kube-request';
import { kubeconfigTokenFile, readTokenFile } from './kubeconfig-token-file';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from './retry-policy';

/** Tuning shared by both ways of building the client. */
export interface ClientTuning {
  /** @default 10000 */
  readonly timeoutMs?: number;
  /** LIST page size when the caller gives none. @default 500 */
  readonly pageSize?: number;
  /** Largest API response body accepted. @default 64 MiB */
  readonly maxBytes?: number;
  /** Largest proxied body read whole (Consul roots and peerings): workloads control these. @default 1 MiB */
  readonly maxProxyBytes?: number;
  /** Bytes of a streamed workload body read at most (pod metrics); memory stays one line. @default 16 MiB */
  readonly maxScrapeBytes?: number;
  /** How transient failures are retried. @default DEFAULT_RETRY_POLICY */
  readonly retry?: RetryPolicy;
}

/** Local use: a kubeconfig file (default: `$KUBECONFIG` or `~/.kube/config`) and a context. */
export interface KubeconfigClientOptions extends ClientTuning {
  readonly kubeconfigPath?: string;
  /** @default the kubeconfig's current context */
  readonly context?: string;
  /** Name reported for the cluster. @default the context name */
  readonly cluster?: string;
}

/** EKS use: endpoint, CA and a bearer-token provider (called before every request). */
export interface EndpointClientOptions extends ClientTuning {
  readonly cluster: string;
  readonly endpoint: string;
  readonly caPem: string;
  readonly token: () => Promise<string>;
}

const MAX_PAGES = 10_000;

/** Bytes of a workload's streamed body read at most: time, not memory, is what it costs. */
export const DEFAULT_MAX_SCRAPE_BYTES = 16 * 1024 * 1024;

/** Neither $KUBECONFIG nor ~/.kube/config names a file (and this is not a pod): nothing to connect to. */
export class NoKubeconfigError extends Error {
  override readonly name = 'NoKubeconfigError';
}

/** The pod's token file: client-node's default loading falls back to the in-cluster config with it. */
const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** The files `$KUBECONFIG` lists. */
function kubeconfigEnvFiles(env: NodeJS.ProcessEnv): string[] {
  return (env['KUBECONFIG'] ?? '').split(delimiter).filter((path) => path !== '');
}

/** The kubeconfig files client-node's default loading reads. */
function defaultKubeconfigFiles(env: NodeJS.ProcessEnv): string[] {
  const fromEnv = kubeconfigEnvFiles(env);
  return fromEnv.length > 0 ? fromEnv : [join(env['HOME'] || homedir(), '.kube', 'config')];
}

/**
 * Where client-node's default loading would look, checked first: without this, when no file
 * exists it invents a `http://localhost:8080` cluster and the scan fails later with a
 * misleading connection error.
 */
function assertDefaultKubeconfig(env: NodeJS.ProcessEnv): void {
  const fromEnv = kubeconfigEnvFiles(env);
  if (fromEnv.length > 0) {
    if (fromEnv.some((path) => existsSync(path))) return;
    throw new NoKubeconfigError(
      `no kubeconfig found (looked at ${fromEnv.join(', ')} from KUBECONFIG); pass --kubeconfig FILE`,
    );
  }
  const home = join(env['HOME'] || homedir(), '.kube', 'config');
  if (existsSync(home) || existsSync(IN_CLUSTER_TOKEN)) return;
  throw new NoKubeconfigError(
    `no kubeconfig found (looked at ${home}; KUBECONFIG is not set); pass --kubeconfig FILE or set KUBECONFIG`,
  );
}

/** What kubectl sends for `get --show-kind -o name`-style metadata reads (falls back to full JSON). */
const METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;q=0.9';

/** A LIST whose continue token expired (410) starts over this many times, then fails. */
const MAX_LIST_RESTARTS = 2;

function parseJson(request: KubeRequest, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    const message = `cluster "${request.cluster}": GET ${request.path}: response is not JSON`;
    // A body cut mid-way by a proxy or a restart parses badly: worth another GET.
    throw new KubeApiError(message, 200, 'bad_data', { cause: error, transient: true });
  }
}

function badShape(request: KubeRequest, what: string): KubeApiError {
  return new KubeApiError(`cluster "${request.cluster}": GET ${request.path}: ${what}`, 200, 'bad_data');
}

/** A continue token the server no longer knows (410 Expired). */
class ContinueExpired extends Error {
  constructor(override readonly cause: KubeApiError) {
    super(cause.message);
  }
}

interface ListPage {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly continue?: string };
  readonly items?: unknown;
}

/**
 * Connections kept open between requests: client-node's https.Agent closes each socket after one
 * answer, so a scan of 2,000 Certificates paid 2,000 TLS handshakes (time, and native memory the
 * process keeps). The same TLS options on a keep-alive agent, one per client-node agent; proxy
 * agents (hpagent, socks) are left as they are. Idle sockets close after 5 s and never keep the
 * process alive.
 */
function keepAlive(prepare: PrepareRequest): PrepareRequest {
  const agents = new WeakMap<Agent, Agent>();
  return async (options) => {
    await prepare(options);
    const given = options.agent;
    if (!(given instanceof Agent) || given.constructor !== Agent || given.options.keepAlive) return;
    let kept = agents.get(given);
    if (!kept) {
      // As Node's own global agent: idle sockets close after 5 s, so a Lambda that scans one
      // cluster after another does not gather open connections from scans long finished.
      kept = new Agent({ ...given.options, keepAlive: true, timeout: 5_000, scheduling: 'lifo' });
      agents.set(given, kept);
    }
    options.agent = kept;
  };
}

/** The Kubernetes API of one cluster, through client-node's configuration and auth. */
export class ClientNodeKubeApi implements KubeApi {
  private readonly timeoutMs: number;
  private readonly pageSize: number;
  private readonly maxBytes: number;
  private readonly maxProxyBytes: number;
  private readonly maxScrapeBytes: number;
  private readonly retry: RetryPolicy;
  private discovery: Promise<Set<string>> | undefined;

  private constructor(
    readonly cluster: string,
    /** The API server URL (part of the cluster's identity in history). */
    readonly server: string,
    private readonly prepare: PrepareRequest,
    tuning: ClientTuning,
  ) {
    this.timeoutMs = tuning.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.pageSize = tuning.pageSize ?? 500;
    this.maxBytes = tuning.maxBytes ?? 64 * 1024 * 1024;
    this.maxProxyBytes = tuning.maxProxyBytes ?? 1024 * 1024;
    this.maxScrapeBytes = tuning.maxScrapeBytes ?? DEFAULT_MAX_SCRAPE_BYTES;
    this.retry = tuning.retry ?? DEFAULT_RETRY_POLICY;
  }

  /** From a kubeconfig file and context; throws a plain Error naming the file when they are unusable. */
  static fromKubeconfig(options: KubeconfigClientOptions = {}): ClientNodeKubeApi {
    const kc = new KubeConfig();
    if (options.kubeconfigPath) kc.loadFromFile(options.kubeconfigPath);
    else {
      assertDefaultKubeconfig(process.env);
      kc.loadFromDefault();
    }
    const where = options.kubeconfigPath ?? 'the default kubeconfig';
    if (options.context) {
      if (!kc.getContextObject(options.context)) throw new Error(`${where}: no context "${options.context}"`);
      kc.setCurrentContext(options.context);
    }
    const context = kc.getCurrentContext();
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error(`${where}: context "${context}" names no known cluster`);
    const user = kc.getCurrentUser();
    const files = options.kubeconfigPath ? [options.kubeconfigPath] : defaultKubeconfigFiles(process.env);
    const tokenFile =
      user && !user.token && !user.exec && !user.authProvider
        ? kubeconfigTokenFile(files, user.name)
        : undefined;
    const prepare: PrepareRequest = async (o) => {
      await kc.applyToHTTPSOptions(o);
      if (tokenFile) o.headers = { ...o.headers, Authorization: `Bearer ${await readTokenFile(tokenFile)}` };
    };
    return new ClientNodeKubeApi(options.cluster ?? context, cluster.server, keepAlive(prepare), options);
  }

  /** From an endpoint, its CA and a token provider (EKS); the token is fetched per request. */
  static fromEndpoint(options: EndpointClientOptions): ClientNodeKubeApi {
    const kc = new KubeConfig();
    const caData = Buffer.from(options.caPem).toString('base64');
    kc.loadFromClusterAndUser(
      { name: options.cluster, server: options.endpoint, caData, skipTLSVerify: false },
      { name: 'certwatch' },
    );
    const prepare: PrepareRequest = async (o) => {
      await kc.applyToHTTPSOptions(o);
      o.headers = { ...o.headers, Authorization: `Bearer ${await options.token()}` };
    };
    return new ClientNodeKubeApi(options.cluster, options.endpoint, keepAlive(prepare), options);
  }

  async get<T extends KubeObject>(path: string, options: RequestOptions = {}): Promise<T> {
    const request = this.request(path, 'application/json', options);
    return this.withRetries(options, async () => {
      const parsed = parseJson(request, await kubeGet(request, this.prepare)) as Partial<KubeObject> | null;
      if (!parsed || typeof parsed !== 'object' || typeof parsed.metadata?.name !== 'string') {
        throw badShape(request, 'response is not a Kubernetes object (no metadata.name)');
      }
      return parsed as T;
    });
  }

  async list<T extends KubeObject>(path: string, options: ListOptions = {}): Promise<T[]> {
    const items: T[] = [];
    await this.listPages<T>(
      path,
      options,
      (page) => {
        items.push(...page);
      },
      () => {
        items.length = 0;
      },
    );
    return items;
  }

  async listPages<T extends KubeObject>(
    path: string,
    options: ListOptions,
    onPage: (items: T[]) => void | Promise<void>,
    onRestart: () => void = () => {},
  ): Promise<void> {
    for (let restart = 0; ; restart += 1) {
      try {
        return await this.listOnce<T>(path, options, onPage);
      } catch (error) {
        // 410 Expired on a continue token: the snapshot is gone, read the list again from the start.
        if (!(error instanceof ContinueExpired)) throw error;
        if (restart >= MAX_LIST_RESTARTS) throw error.cause.withDetail(`list restarted ${restart} times`);
        onRestart();
      }
    }
  }

  private async listOnce<T extends KubeObject>(
    path: string,
    options: ListOptions,
    onPage: (items: T[]) => void | Promise<void>,
  ): Promise<void> {
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const query = new URLSearchParams();
      if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
      if (options.labelSelector) query.set('labelSelector', options.labelSelector);
      query.set('limit', String(options.pageSize ?? this.pageSize));
      if (token) query.set('continue', token);
      const accept = options.metadataOnly ? METADATA_ACCEPT : 'application/json';
      const request = this.request(`${path}?${query}`, accept, options);
      const body = await this.withRetries(options, async () => {
        const parsed = parseJson(request, await kubeGet(request, this.prepare)) as ListPage | null;
        if (!parsed || !Array.isArray(parsed.items))
          throw badShape(request, 'response is not a list (no items)');
        return parsed;
      }).catch((error: unknown) => {
        throw token && error instanceof KubeApiError && error.status === 410
          ? new ContinueExpired(error)
          : error;
      });
      const items = this.completeItems<T>(body, request);
      await onPage(options.metadataOnly ? items.map(metadataOf) : items);
      const next = body.metadata?.continue;
      if (!next) return;
      if (next === token) throw badShape(request, 'server repeated the same continue token');
      token = next;
    }
    throw new KubeApiError(
      `cluster "${this.cluster}": GET ${path}: more than ${MAX_PAGES} pages`,
      200,
      'bad_data',
    );
  }

  async proxyGet(path: string, options: RequestOptions = {}): Promise<string> {
    const request = { ...this.request(path, '*/*', options), maxBytes: this.maxProxyBytes };
    return this.withRetries(options, () => kubeGet(request, this.prepare));
  }

  async proxyLines(path: string, filter: LineFilter, options: RequestOptions = {}): Promise<StreamedLines> {
    const request = { ...this.request(path, '*/*', options), maxBytes: this.maxScrapeBytes };
    return this.withRetries(options, () => kubeGetLines(request, this.prepare, filter));
  }

  groupVersions(options: RequestOptions = {}): Promise<Set<string>> {
    // Every source asks; one discovery per client serves them all (a failure is not cached).
    this.discovery ??= this.discover(options).catch((error: unknown) => {
      this.discovery = undefined;
      throw error;
    });
    return this.discovery;
  }

  private async discover(options: RequestOptions): Promise<Set<string>> {
    const core = this.request('/api', 'application/json', options);
    const groups = this.request('/apis', 'application/json', options);
    // Both asked at once; when both fail, the error of /api is the one told, whichever came first.
    const [api, apis] = await Promise.allSettled(
      [core, groups].map((r) =>
        this.withRetries(options, async () => parseJson(r, await kubeGet(r, this.prepare))).catch(
          (error: unknown) => {
            throw this.notKubernetes(r, error) ?? error;
          },
        ),
      ),
    ).then((answers) =>
      answers.map((answer) => {
        if (answer.status === 'rejected') throw answer.reason;
        return answer.value;
      }),
    );
    const found = groupVersionsOf(api, apis);
    if (!found)
      throw this.notKubernetes(groups, undefined) ?? badShape(groups, 'malformed discovery document');
    return found;
  }

  /**
   * Every Kubernetes API server answers discovery (`/api`, `/apis`) with JSON, even to an
   * unauthorised client (401/403). A 404 or a body that is not JSON there means the URL points at
   * something else (a web server, a proxy's default page): said as such, with reason
   * `unreachable`, rather than as a missing object of some mesh.
   */
  private notKubernetes(request: KubeRequest, error: unknown): KubeApiError | undefined {
    const answered =
      error === undefined
        ? 'JSON that is not an API discovery document'
        : error instanceof KubeApiError && (error.status === 404 || error.reason === 'bad_data')
          ? error.status === 404
            ? '404 Not Found'
            : 'a body that is not JSON'
          : undefined;
    if (!answered) return undefined;
    return new KubeApiError(
      `cluster "${this.cluster}": ${this.server} is not a Kubernetes API server (GET ${request.path} answered ${answered}): check the server URL in the kubeconfig`,
      error instanceof KubeApiError ? error.status : 200,
      'unreachable',
      { cause: error },
    );
  }

  private withRetries<T>(options: RequestOptions, attempt: () => Promise<T>): Promise<T> {
    return withRetries(this.retry, options.signal, attempt);
  }

  private request(path: string, accept: string, options: RequestOptions): KubeRequest {
    return {
      cluster: this.cluster,
      server: this.server,
      path,
      accept,
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      signal: options.signal,
      maxBytes: this.maxBytes,
    };
  }

  /** Built-in list items come without apiVersion/kind on the wire; fill them in from the list. */
  private completeItems<T extends KubeObject>(body: ListPage, request: KubeRequest): T[] {
    const kind = body.kind?.replace(/List$/, '');
    return (body.items as unknown[]).map((item) => {
      const object = item as Partial<KubeObject> | null;
      if (!object || typeof object !== 'object' || typeof object.metadata?.name !== 'string') {
        throw badShape(request, 'list item without metadata.name');
      }
      return { apiVersion: body.apiVersion, kind, ...object } as unknown as T;
    });
  }
}

/** kubectl apply's copy of the whole object (a Secret's data included): never kept. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Only an object's identifying metadata: nothing of its data or spec (nor kubectl's copy of them) is kept. */
function metadataOf<T extends KubeObject>(object: T): T {
  const { name, namespace, labels } = object.metadata;
  const { [LAST_APPLIED]: _copy, ...annotations } = object.metadata.annotations ?? {};
  const hasAnnotations = Object.keys(annotations).length > 0;
  return {
    ...(object.apiVersion ? { apiVersion: object.apiVersion } : {}),
    ...(object.kind ? { kind: object.kind } : {}),
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      ...(labels ? { labels } : {}),
      ...(hasAnnotations ? { annotations } : {}),
    },
  } as T;
}
