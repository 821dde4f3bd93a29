/** Pod and service proxy subresources, answered by handlers the scenario registers per port. */
import type { ObjectStore } from './object-store';
import type { ResourceCatalog } from './resource-catalog';
import { type ErrorResponse, notFound, serviceUnavailable } from './status';
import type { ProxyRequest, ProxyRoute } from './types';

/** A proxied answer, or a Status error. */
export type ProxyOutcome = { code: number; body: string; contentType: string } | ErrorResponse;

interface Target {
  readonly scheme: string;
  readonly name: string;
  readonly port: string;
}

/** `name`, `name:port`, `scheme:name:port` (the path segment before `/proxy`). */
function parseTarget(segment: string): Target {
  const parts = segment.split(':');
  if (parts.length >= 3) return { scheme: parts[0] ?? '', name: parts[1] ?? '', port: parts[2] ?? '' };
  if (parts.length === 2 && (parts[0] === 'http' || parts[0] === 'https')) {
    return { scheme: parts[0], name: parts[1] ?? '', port: '' };
  }
  return { scheme: '', name: parts[0] ?? '', port: parts[1] ?? '' };
}

/** Routes proxy requests to the registered handlers. */
export class ProxyRouter {
  private readonly routes: ProxyRoute[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly catalog: ResourceCatalog,
  ) {}

  /** Registers (or replaces) the handler of one pod or service port. */
  register(route: ProxyRoute): void {
    const index = this.routes.findIndex(
      (r) =>
        r.kind === route.kind &&
        r.namespace === route.namespace &&
        r.name === route.name &&
        String(r.port) === String(route.port),
    );
    if (index >= 0) this.routes.splice(index, 1);
    this.routes.push(route);
  }

  /** Serves `GET …/{pods|services}/{segment}/proxy{request.path}`. */
  async serve(
    resource: string,
    namespace: string,
    segment: string,
    request: ProxyRequest,
  ): Promise<ProxyOutcome> {
    const kind = resource === 'pods' ? 'pod' : 'service';
    const target = parseTarget(segment);
    const type = this.catalog.byPath('', 'v1', resource);
    if (!type || !this.store.get(type, namespace, target.name)) return notFound(resource, target.name, '');
    const candidates = this.routes.filter(
      (r) => r.kind === kind && r.namespace === namespace && r.name === target.name,
    );
    const route = candidates.find(
      (r) =>
        (target.port === '' ? candidates.length === 1 : String(r.port) === target.port) &&
        (target.scheme === '' || (r.scheme ?? 'http') === target.scheme),
    );
    if (!route) {
      return serviceUnavailable(
        `error trying to reach service: dial tcp ${target.name}:${target.port || '80'}: connect: connection refused`,
      );
    }
    const answer = await route.handler(request);
    if (typeof answer === 'string')
      return { code: 200, body: answer, contentType: 'text/plain; charset=utf-8' };
    return {
      code: answer.status ?? 200,
      body: answer.body,
      contentType: answer.contentType ?? 'text/plain; charset=utf-8',
    };
  }
}
