/**
 * SPIRE: the trust bundle ConfigMap, looked for by name in every namespace (one paginated list
 * with a field selector per name): the configured location, else the k8sbundle default name, plus
 * whatever the running server's server.conf names (k8sbundle Notifier, k8s_configmap
 * BundlePublisher). A server that runs, or CRDs that are served, with no bundle found is a blind
 * spot saying where certwatch looked.
 */
import { describeInstallation, type Installation, installationsOf } from '../../../domain/installations';
import { SPIRE } from '../../../domain/rbac/source-reads';
import {
  type BundleLocation,
  bundleLocationsFromServerConf,
  describeBundleLocation,
} from '../../../domain/spire-bundle-locations';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import { corePath } from '../api-paths';
import type { KubeObject } from '../kube-api';
import { type ClusterContext, servesAnyGroup } from './cluster-context';
import { Collector, isNotFound } from './collector';
import { addConfigMapKey, configMapEntries } from './object-data';

const BUNDLE = { role: 'spire-root', trustBundle: true } as const;

/** Reads SPIRE's trust bundle ConfigMaps. */
export class SpireSource implements CertificateSource {
  readonly name = 'spire';

  constructor(private readonly ctx: ClusterContext) {}

  /** Looks everywhere it could be; silent only when SPIRE shows no sign of running. */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const [served, installations] = await Promise.all([
      this.ctx.groupVersions(signal),
      this.ctx.installations(signal),
    ]);
    const servers = installationsOf(installations, 'spire');
    const configured = this.ctx.options.spire;
    const locations: BundleLocation[] = [
      {
        ...(configured?.namespace ? { namespace: configured.namespace } : {}),
        name: configured?.name ?? SPIRE.bundleConfigMap,
        key: configured?.key ?? SPIRE.bundleKey,
      },
    ];
    for (const server of servers) locations.push(...(await this.fromServerConf(out, server, signal)));
    const found = await this.readLocations(out, locations, signal);
    if (found > 0) return out.result();
    const why = servers[0]
      ? `${describeInstallation(servers[0])} runs`
      : servesAnyGroup(served, SPIRE.apiGroups)
        ? `SPIRE CRDs (${SPIRE.apiGroups.join(', ')}) are served`
        : configured
          ? 'a SPIRE bundle location is configured'
          : undefined;
    if (why && out.failures.length === 0) {
      const looked = [...new Set(locations.map(describeBundleLocation))].join(', ');
      const first = locations[0]!;
      out.failWith(
        'not_found',
        `${why}, but no SPIRE trust bundle was found: looked for ConfigMap ${looked}`,
        { kind: 'ConfigMap', ...(first.namespace ? { namespace: first.namespace } : {}), name: first.name },
        "Tell certwatch where the bundle is published: scan --spire-bundle NAMESPACE/NAME[:KEY] (stack: the cluster's spireBundle setting), or enable SPIRE's k8sbundle Notifier / k8s_configmap BundlePublisher.",
      );
    }
    return out.result();
  }

  /** The locations the server's ConfigMap (same name as the workload, key server.conf) configures. */
  private async fromServerConf(
    out: Collector,
    server: Installation,
    signal: AbortSignal,
  ): Promise<BundleLocation[]> {
    try {
      const path = corePath('configmaps', server.namespace, server.name);
      const cm = await this.ctx.api.get<KubeObject>(path, { signal });
      const conf = configMapEntries(cm).get('server.conf');
      return conf ? bundleLocationsFromServerConf(conf) : [];
    } catch (error) {
      if (!isNotFound(error))
        out.fail(error, { kind: 'ConfigMap', namespace: server.namespace, name: server.name });
      return [];
    }
  }

  /** One cluster-wide list per distinct name; returns how many bundles were read. */
  private async readLocations(
    out: Collector,
    locations: readonly BundleLocation[],
    signal: AbortSignal,
  ): Promise<number> {
    const seen = new Set<string>();
    let found = 0;
    for (const name of new Set(locations.map((l) => l.name))) {
      const list = await out.attempt({ kind: 'ConfigMap', name }, () =>
        this.ctx.api.list<KubeObject>('/api/v1/configmaps', {
          fieldSelector: `metadata.name=${name}`,
          pageSize: this.ctx.options.pageSize ?? 500,
          signal,
        }),
      );
      for (const cm of list ?? []) {
        const ns = cm.metadata.namespace ?? '';
        for (const l of locations) {
          if (l.name !== name || (l.namespace !== undefined && l.namespace !== ns)) continue;
          if (seen.has(`${ns}/${name}:${l.key}`)) continue;
          seen.add(`${ns}/${name}:${l.key}`);
          // A same-named ConfigMap elsewhere without the key is not SPIRE's (unless pinned there).
          if (l.namespace === undefined && !configMapEntries(cm).has(l.key)) continue;
          addConfigMapKey(out, cm, l.key, BUNDLE, 'spire');
          found += 1;
        }
      }
    }
    return found;
  }
}
