/** Answers one authenticated API request: discovery, GET, LIST, proxy; RBAC enforced when on. */
import { listCollection } from './collection';
import { discoveryDocument, isDiscoveryPath } from './discovery';
import type { ObjectStore } from './object-store';
import type { ProxyRouter } from './proxy';
import { authorize, forbiddenMessage, qualifiedResource, type RequestAttributes } from './rbac';
import { parseResourcePath, type ResourcePath } from './request-info';
import type { ResourceCatalog } from './resource-catalog';
import { type ErrorResponse, forbidden, methodNotAllowed, noSuchPath, notFound } from './status';

/** An authenticated caller. */
export interface Identity {
  readonly name: string;
  readonly groups: readonly string[];
}

/** A finished answer, ready to write. */
export interface Outcome {
  readonly code: number;
  readonly body: string;
  readonly contentType: string;
}

/** What the handler needs from its simulator. */
export interface ApiContext {
  readonly store: ObjectStore;
  readonly catalog: ResourceCatalog;
  readonly proxies: ProxyRouter;
  readonly rbac: () => boolean;
  readonly address: string;
  /** Items per LIST page at most, whatever `limit` asks. */
  readonly maxPageSize?: number;
}

/** One request: method, path (no query), query, caller. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly identity: Identity;
  /** Accept asked for a PartialObjectMetadataList (LIST only, as a real API server serves it). */
  readonly metadataOnly?: boolean;
}

const JSON_TYPE = 'application/json';

/** Serializes a JSON or Status answer. */
export function jsonOutcome(response: { code: number; body: object }): Outcome {
  return { code: response.code, body: JSON.stringify(response.body), contentType: JSON_TYPE };
}

function verbOf(request: ApiRequest, info: ResourcePath): string {
  if (info.name) return 'get';
  return request.query.get('watch') === 'true' || request.query.get('watch') === '1' ? 'watch' : 'list';
}

function attributesOf(request: ApiRequest, info: ResourcePath): RequestAttributes {
  return {
    user: request.identity.name,
    groups: request.identity.groups,
    verb: verbOf(request, info),
    apiGroup: info.group,
    resource: info.resource,
    subresource: info.subresource,
    namespace: info.namespace,
    name: info.name,
  };
}

function denied(ctx: ApiContext, attributes: RequestAttributes): ErrorResponse | undefined {
  if (!ctx.rbac() || authorize(ctx.store, attributes)) return undefined;
  return forbidden(forbiddenMessage(attributes), {
    ...(attributes.name ? { name: attributes.name } : {}),
    ...(attributes.apiGroup ? { group: attributes.apiGroup } : {}),
    kind: attributes.resource,
  });
}

function isNamespace(info: ResourcePath): boolean {
  return info.group === '' && info.resource === 'namespaces';
}

async function serveResource(ctx: ApiContext, request: ApiRequest, info: ResourcePath): Promise<Outcome> {
  const type = ctx.catalog.byPath(info.group, info.version, info.resource);
  const misplaced = type?.namespaced
    ? !info.namespace && !!info.name
    : !!info.namespace && !isNamespace(info);
  if (!type || misplaced) {
    return jsonOutcome(noSuchPath());
  }
  const attributes = attributesOf(request, info);
  const refusal = denied(ctx, attributes);
  if (refusal) return jsonOutcome(refusal);
  if (info.subresource) {
    if (
      info.subresource !== 'proxy' ||
      !type.subresources?.includes('proxy') ||
      !info.namespace ||
      !info.name
    ) {
      return jsonOutcome(noSuchPath());
    }
    const proxied = await ctx.proxies.serve(info.resource, info.namespace, info.name, {
      method: request.method,
      path: info.rest,
      query: request.query,
    });
    return 'contentType' in proxied ? proxied : jsonOutcome(proxied);
  }
  if (attributes.verb === 'watch') return jsonOutcome(methodNotAllowed('WATCH'));
  if (!info.name) {
    const list = listCollection(ctx.store, type, info.namespace, request.query, ctx.maxPageSize);
    return jsonOutcome(request.metadataOnly ? metadataList(list) : list);
  }
  const namespace = isNamespace(info) ? undefined : info.namespace;
  const found = ctx.store.get(type, namespace, info.name);
  if (!found)
    return jsonOutcome(notFound(qualifiedResource(type.resource, type.group), info.name, type.group));
  return jsonOutcome({ code: 200, body: found });
}

/** A LIST answer as a PartialObjectMetadataList: each item's metadata, nothing else. */
function metadataList<T extends { code: number; body: object }>(list: T): T {
  const body = list.body as { items?: { metadata: object }[]; metadata?: object };
  if (list.code !== 200 || !Array.isArray(body.items)) return list;
  const items = body.items.map((item) => ({
    apiVersion: 'meta.k8s.io/v1',
    kind: 'PartialObjectMetadata',
    metadata: item.metadata,
  }));
  return {
    ...list,
    body: { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: body.metadata, items },
  };
}

/** Answers an authenticated request. */
export async function handleApiRequest(ctx: ApiContext, request: ApiRequest): Promise<Outcome> {
  if (request.method !== 'GET') return jsonOutcome(methodNotAllowed(request.method));
  if (isDiscoveryPath(request.path)) {
    const doc = discoveryDocument(ctx.catalog, request.path, ctx.address);
    return jsonOutcome(doc ? { code: 200, body: doc } : noSuchPath());
  }
  const info = parseResourcePath(request.path);
  if (!info) return jsonOutcome(noSuchPath());
  return serveResource(ctx, request, info);
}
