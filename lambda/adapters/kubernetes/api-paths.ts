/** Kubernetes API paths certwatch asks for, names escaped. */

/** Path of a pod's or service's proxy subresource; `name:port` must keep its colon unescaped. */
export function proxyPath(
  resource: 'pods' | 'services',
  namespace: string,
  name: string,
  port: number,
  path: string,
) {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}/${encodeURIComponent(name)}:${port}/proxy${path}`;
}

/** Path of a namespaced core object. */
export function corePath(resource: string, namespace: string, name: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}/${encodeURIComponent(name)}`;
}
