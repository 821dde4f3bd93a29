/**
 * Where a SPIRE server publishes its trust bundle into Kubernetes, read from its server.conf (HCL
 * or JSON): the k8sbundle Notifier (defaults namespace `spire`, ConfigMap `spire-bundle`, key
 * `bundle.crt`) and the k8s_configmap BundlePublisher (no defaults: every cluster entry names its
 * namespace, ConfigMap and key). Tolerant and linear: unknown shapes yield no location. Pure.
 */
import { SPIRE } from './rbac/source-reads';

/** A ConfigMap key holding a SPIRE bundle. */
export interface BundleLocation {
  readonly namespace?: string;
  readonly name: string;
  readonly key: string;
}

/** server.conf larger than this is not searched (a workload-controlled ConfigMap stays bounded). */
const MAX_CONF_CHARS = 256 * 1024;

function field(text: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const m = new RegExp(`"?${name}"?\\s*[=:]\\s*"([^"\\n]{1,253})"`).exec(text);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** The text of the plugin block that starts at `at` (up to the next plugin of another type). */
function pluginBlock(conf: string, at: number): string {
  const rest = conf.slice(at);
  const next = /\b(Notifier|BundlePublisher|KeyManager|DataStore|NodeAttestor|UpstreamAuthority)\b/g;
  next.lastIndex = 20;
  const end = next.exec(rest)?.index ?? rest.length;
  return rest.slice(0, end);
}

/** The bundle locations a server.conf configures. */
export function bundleLocationsFromServerConf(conf: string): BundleLocation[] {
  const text = conf.slice(0, MAX_CONF_CHARS);
  const out: BundleLocation[] = [];
  const notifier = /k8sbundle/.exec(text);
  if (notifier) {
    const block = pluginBlock(text, notifier.index);
    out.push({
      namespace: field(block, ['namespace']) ?? SPIRE.namespace,
      name: field(block, ['config_map']) ?? SPIRE.bundleConfigMap,
      key: field(block, ['config_map_key']) ?? SPIRE.bundleKey,
    });
  }
  const publisher = /k8s_configmap/.exec(text);
  if (publisher) {
    const block = pluginBlock(text, publisher.index);
    // One entry per cluster: each `configmap_name` with the namespace and key around it.
    for (const m of block.matchAll(/"?configmap_name"?\s*[=:]\s*"([^"\n]{1,253})"/g)) {
      const around = block.slice(Math.max(0, (m.index ?? 0) - 300), (m.index ?? 0) + 300);
      const key = field(around, ['configmap_key']);
      if (m[1] && key) out.push({ namespace: field(around, ['namespace']), name: m[1], key });
    }
  }
  return out;
}

/** `spire-system/spire-bundle:bundle.crt`, or a name alone for "any namespace". */
export function describeBundleLocation(l: BundleLocation): string {
  return `${l.namespace ? `${l.namespace}/` : '*/'}${l.name}:${l.key}`;
}
