/**
 * The small Kubernetes API surface every source uses. Implemented over @kubernetes/client-node by
 * `ClientNodeKubeApi`; sources depend only on this interface.
 */
import type { SourceFailureReason } from '../../ports/certificate-source';

/** Each API request's timeout unless the caller tunes it. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Options shared by every request. */
export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Per-request timeout; the default is the client's. */
  readonly timeoutMs?: number;
}

/** Options of a paginated LIST. */
export interface ListOptions extends RequestOptions {
  readonly fieldSelector?: string;
  readonly labelSelector?: string;
  /** `limit` per page; the client follows `continue` until the list is complete. */
  readonly pageSize?: number;
  /**
   * Ask for object metadata only (a PartialObjectMetadataList): for Secrets whose data must never
   * be read. Items keep only `metadata` even when a server ignores the request and sends more.
   */
  readonly metadataOnly?: boolean;
}

/** Which lines of a streamed body to keep (see {@link KubeApi.proxyLines}). */
export interface LineFilter {
  readonly keep: (line: string) => boolean;
  /** Reading stops once this many lines are kept. */
  readonly maxKept: number;
}

/** What a streamed body gave. */
export interface StreamedLines {
  /** The lines kept, in body order. */
  readonly lines: string[];
  /** The body went on past the byte cap: only its start was read. */
  readonly truncated: boolean;
  /** Lines skipped for being longer than MAX_LINE_BYTES. */
  readonly overlongLines: number;
}

/** Minimal object metadata every Kubernetes object has. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

/** How a failed request may be retried. */
export interface KubeApiErrorOptions {
  readonly cause?: unknown;
  /** A reset, a cut or garbled body, a per-request timeout: the same GET may well succeed. */
  readonly transient?: boolean;
  /** The server's Retry-After (429/503), in milliseconds. */
  readonly retryAfterMs?: number;
}

/** A failed request, already classified as a stable source-failure reason. */
export class KubeApiError extends Error {
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    readonly status: number | undefined,
    readonly reason: SourceFailureReason,
    private readonly options: KubeApiErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'KubeApiError';
    this.transient = options.transient ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** The same error with ` (detail)` appended to its message. */
  withDetail(detail: string): KubeApiError {
    return new KubeApiError(`${this.message} (${detail})`, this.status, this.reason, this.options);
  }
}

/** What sources need from a cluster's API server. Every method throws `KubeApiError` on failure. */
export interface KubeApi {
  /** Cluster name as reported (context or configured name). */
  readonly cluster: string;
  /** GET one object by API path, e.g. `/api/v1/namespaces/istio-system/secrets/cacerts`. */
  get<T extends KubeObject>(path: string, options?: RequestOptions): Promise<T>;
  /** Paginated LIST of a collection path, e.g. `/api/v1/configmaps`; returns every item. */
  list<T extends KubeObject>(path: string, options?: ListOptions): Promise<T[]>;
  /**
   * The same LIST handed over page by page, so a caller keeps no more than a page in memory. A
   * list restarted after 410 Expired calls `onRestart` and hands the pages over again.
   */
  listPages<T extends KubeObject>(
    path: string,
    options: ListOptions,
    onPage: (items: T[]) => void | Promise<void>,
    onRestart?: () => void,
  ): Promise<void>;
  /** GET through a proxy subresource (pod or service), returning the body as text. */
  proxyGet(path: string, options?: RequestOptions): Promise<string>;
  /**
   * GET through a pod proxy, streaming the body line by line (bounded in bytes, one line held) and
   * keeping the lines `filter` wants: for bodies a workload controls, such as metrics.
   */
  proxyLines(path: string, filter: LineFilter, options?: RequestOptions): Promise<StreamedLines>;
  /** Group/versions the server serves (`v1`, `cert-manager.io/v1`, …), from discovery. */
  groupVersions(options?: RequestOptions): Promise<Set<string>>;
}
