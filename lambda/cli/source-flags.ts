/**
 * The flags that say where a cluster's CA material is (cert-manager's cluster-resource namespace,
 * the Consul server, the SPIRE bundle) and whether workloads are sampled: `scan` reads with them
 * and `rbac --from-cluster` grants exactly what that scan will read, so both parse them here.
 */
import type { SourceOptions } from '../config/settings';
import { UsageError } from './command';

/** parseArgs options of the source flags. */
export const SOURCE_FLAGS = {
  'cluster-resource-namespace': { type: 'string' },
  'consul-address': { type: 'string' },
  'consul-service': { type: 'string' },
  'spire-bundle': { type: 'string' },
  'no-workload-sampling': { type: 'boolean' },
  'pods-per-namespace': { type: 'string' },
} as const;

/** Usage rows of the source flags. */
export const SOURCE_HELP: [string, string][] = [
  [
    '--cluster-resource-namespace NS',
    "where ClusterIssuer CA Secrets live (cert-manager's flag; default: cert-manager)",
  ],
  [
    '--consul-address URL',
    'ask Consul for its CA roots at this URL (default: the consul-server found running)',
  ],
  ['--consul-service NS/NAME[:PORT]', 'ask through this Service proxy instead (default port 8500)'],
  [
    '--spire-bundle [NS/]NAME[:KEY]',
    'SPIRE bundle ConfigMap (default: spire-bundle:bundle.crt in any namespace)',
  ],
  ['--no-workload-sampling', 'do not scrape meshed pods (no pods/proxy needed)'],
  ['--pods-per-namespace N', 'meshed pods sampled per namespace (default: 3)'],
];

/** Values of the source flags as parseArgs returns them. */
export type SourceFlagValues = {
  [K in keyof typeof SOURCE_FLAGS]?: (typeof SOURCE_FLAGS)[K]['type'] extends 'boolean' ? boolean : string;
};

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function name(flag: string, value: string, what: string): string {
  if (!NAME.test(value) || value.length > 253) {
    throw new UsageError(`invalid --${flag} '${value}': ${what} is not a Kubernetes name`);
  }
  return value;
}

function consulService(value: string): NonNullable<SourceOptions['consul']> {
  const m = /^([^/]+)\/([^:]+)(?::(\d+))?$/.exec(value);
  if (!m) throw new UsageError(`invalid --consul-service '${value}': expected NAMESPACE/NAME[:PORT]`);
  const port = m[3] === undefined ? undefined : Number(m[3]);
  if (port !== undefined && (port < 1 || port > 65535)) {
    throw new UsageError(`invalid --consul-service '${value}': port must be 1-65535`);
  }
  return {
    namespace: name('consul-service', m[1]!, 'NAMESPACE'),
    service: name('consul-service', m[2]!, 'NAME'),
    ...(port ? { port } : {}),
  };
}

function consulAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `invalid --consul-address '${value}': expected a URL like http://consul.example:8500`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid --consul-address '${value}': expected an http or https URL`);
  }
  return value;
}

/** Parses `[NS/]NAME[:KEY]`. */
export function parseSpireBundle(value: string): NonNullable<SourceOptions['spire']> {
  const m = /^(?:([^/:]+)\/)?([^/:]+)(?::([-._a-zA-Z0-9]+))?$/.exec(value);
  if (!m) throw new UsageError(`invalid --spire-bundle '${value}': expected [NAMESPACE/]NAME[:KEY]`);
  return {
    ...(m[1] ? { namespace: name('spire-bundle', m[1], 'NAMESPACE') } : {}),
    name: name('spire-bundle', m[2]!, 'NAME'),
    ...(m[3] ? { key: m[3] } : {}),
  };
}

/** The SourceOptions the source flags describe (absent flags keep the sources' defaults). */
export function sourceOptionsFrom(values: SourceFlagValues): SourceOptions {
  const crn = values['cluster-resource-namespace'];
  const perNs = values['pods-per-namespace'];
  const pods = perNs === undefined ? undefined : Number(perNs);
  if (pods !== undefined && (!Number.isInteger(pods) || pods < 1 || pods > 100)) {
    throw new UsageError(`invalid --pods-per-namespace '${perNs}': expected a whole number from 1 to 100`);
  }
  if (values['consul-address'] !== undefined && values['consul-service'] !== undefined) {
    throw new UsageError('--consul-address and --consul-service are alternatives: give one');
  }
  const consul = values['consul-address']
    ? { address: consulAddress(values['consul-address']) }
    : values['consul-service']
      ? consulService(values['consul-service'])
      : undefined;
  return {
    ...(crn !== undefined ? { clusterResourceNamespace: name('cluster-resource-namespace', crn, 'it') } : {}),
    ...(consul ? { consul } : {}),
    ...(values['spire-bundle'] !== undefined ? { spire: parseSpireBundle(values['spire-bundle']) } : {}),
    ...(values['no-workload-sampling'] ? { workloadSampling: false } : {}),
    ...(pods !== undefined ? { podsPerNamespace: pods } : {}),
  };
}
