/** LIST of a collection: selectors, `limit`/`continue` pagination and the list envelope. */
import type { ObjectStore } from './object-store';
import { itemKey } from './object-store';
import { groupVersionOf, type ResourceType } from './resource-catalog';
import { parseFieldSelector, parseLabelSelector, SelectorError } from './selectors';
import { badRequest, type ErrorResponse } from './status';
import type { SimObject } from './types';

/** A JSON answer: status code and body. */
export interface JsonResponse {
  readonly code: number;
  readonly body: object;
}

interface ContinueToken {
  readonly rv: number;
  readonly start: string;
}

function encodeContinue(rv: string, lastKey: string): string {
  const token = { v: 'meta.k8s.io/v1', rv: Number(rv), start: `${lastKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(token: string): ContinueToken | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueToken>;
    if (typeof parsed.start !== 'string' || typeof parsed.rv !== 'number') return undefined;
    return { rv: parsed.rv, start: parsed.start.replace(/\u0000$/, '') };
  } catch {
    return undefined;
  }
}

/** Built-in list items carry no apiVersion/kind on the wire; CRD items do. Clients must cope. */
function wireItem(type: ResourceType, object: SimObject): object {
  if (type.crd) return object;
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}

function filter(type: ResourceType, items: SimObject[], query: URLSearchParams): SimObject[] | ErrorResponse {
  try {
    const field = query.get('fieldSelector');
    const label = query.get('labelSelector');
    let out = items;
    if (field) out = out.filter(parseFieldSelector(field, type.fields));
    if (label) out = out.filter(parseLabelSelector(label));
    return out;
  } catch (error) {
    if (error instanceof SelectorError) return badRequest(error.message);
    throw error;
  }
}

/**
 * Answers a LIST of `type` (in `namespace` when given) for the query parameters. `maxPageSize`
 * caps each page below the client's `limit`, as a real API server may.
 */
export function listCollection(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
  maxPageSize?: number,
): JsonResponse | ErrorResponse {
  const filtered = filter(type, store.list(type, namespace), query);
  if (!Array.isArray(filtered)) return filtered;
  let items = filtered;
  const cont = query.get('continue');
  if (cont) {
    const token = decodeContinue(cont);
    if (!token) return badRequest('continue key is not valid: invalid continue token');
    items = items.filter((o) => itemKey(o) > token.start);
  }
  const limit = Number(query.get('limit') ?? '0');
  if (!Number.isInteger(limit) || limit < 0) return badRequest(`invalid limit: ${query.get('limit')}`);
  const size = Math.min(
    limit > 0 ? limit : Number.POSITIVE_INFINITY,
    maxPageSize ?? Number.POSITIVE_INFINITY,
  );
  const page = Number.isFinite(size) ? items.slice(0, size) : items;
  const more = page.length < items.length;
  const last = page[page.length - 1];
  const metadata: Record<string, unknown> = { resourceVersion: store.resourceVersion };
  if (more && last) {
    metadata.continue = encodeContinue(store.resourceVersion, itemKey(last));
    if (!query.get('fieldSelector') && !query.get('labelSelector')) {
      metadata.remainingItemCount = items.length - page.length;
    }
  }
  return {
    code: 200,
    body: {
      kind: `${type.kind}List`,
      apiVersion: groupVersionOf(type),
      metadata,
      items: page.map((o) => wireItem(type, o)),
    },
  };
}
