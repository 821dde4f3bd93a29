/** Splits a resource path into group, version, namespace, resource, name and subresource. */

/** A resource request as the API server's RequestInfo describes it. */
export interface ResourcePath {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
  /** What follows the subresource, e.g. `/stats/prometheus` after `…/proxy` (`/` when empty). */
  readonly rest: string;
}

/** Parses `/api/v1/namespaces/ns/pods/p:15020/proxy/x` and friends; undefined when not a resource path. */
export function parseResourcePath(path: string): ResourcePath | undefined {
  const segments = path.slice(1).split('/');
  let group: string;
  let version: string;
  let parts: string[];
  if (segments[0] === 'api' && segments.length > 2) {
    group = '';
    version = segments[1] ?? '';
    parts = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length > 3) {
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    parts = segments.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    parts = parts.slice(2);
  } else if (parts[0] === 'namespaces' && parts.length === 2) {
    namespace = parts[1];
  }
  const [resource = '', name, subresource] = parts;
  if (resource === '' || name === '' || subresource === '') return undefined;
  return { group, version, resource, namespace, name, subresource, rest: `/${parts.slice(3).join('/')}` };
}
