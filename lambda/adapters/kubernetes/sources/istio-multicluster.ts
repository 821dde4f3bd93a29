/**
 * Istio multicluster facts: the mesh config (`istio` ConfigMap: meshId, trustDomain,
 * trustDomainAliases), the install values (`istio-sidecar-injector`: global.meshID and the
 * cluster's multicluster name) and the remote secrets' METADATA (names, labels, the cluster
 * annotation). Remote secrets hold other clusters' credentials: they are listed as
 * PartialObjectMetadata and nothing but their metadata is kept.
 */
import { load } from 'js-yaml';
import { boundedText } from '../../../domain/bounded-text';
import { ISTIO } from '../../../domain/rbac/source-reads';
import { corePath } from '../api-paths';
import type { KubeObject } from '../kube-api';
import type { ClusterContext } from './cluster-context';
import { type Collector, isNotFound } from './collector';
import { configMapEntries, locationOf } from './object-data';

/** Longest mesh config or values text parsed (istiod's own are a few KB). */
const MAX_CONFIG_CHARS = 512 * 1024;

/** Reads the mesh identity and remote secrets into `out` (signals and failures). */
export async function readIstioMulticluster(
  ctx: ClusterContext,
  out: Collector,
  signal: AbortSignal,
): Promise<void> {
  await Promise.all([meshIdentity(ctx, out, signal), remoteSecrets(ctx, out, signal)]);
}

async function configMap(
  ctx: ClusterContext,
  out: Collector,
  name: string,
  signal: AbortSignal,
): Promise<KubeObject | undefined> {
  try {
    return await ctx.api.get<KubeObject>(corePath('configmaps', ISTIO.namespace, name), { signal });
  } catch (error) {
    if (!isNotFound(error)) out.fail(error, { kind: 'ConfigMap', namespace: ISTIO.namespace, name });
    return undefined;
  }
}

/** A parsed YAML/JSON document, or undefined (with a failure) when it does not parse. */
function parsed(out: Collector, cm: KubeObject, key: string): Record<string, unknown> | undefined {
  const text = configMapEntries(cm).get(key);
  if (text === undefined) return undefined;
  if (text.length > MAX_CONFIG_CHARS) {
    out.failWith(
      'bad_data',
      `${key} is larger than ${MAX_CONFIG_CHARS} characters`,
      locationOf(cm, 'ConfigMap', key),
    );
    return undefined;
  }
  try {
    const doc = load(text);
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : undefined;
  } catch (error) {
    out.failWith(
      'bad_data',
      `${key} is not YAML: ${(error as Error).message}`,
      locationOf(cm, 'ConfigMap', key),
    );
    return undefined;
  }
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? boundedText(value.trim(), 253) : undefined;

const field = (doc: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    doc,
  );

async function meshIdentity(ctx: ClusterContext, out: Collector, signal: AbortSignal): Promise<void> {
  const [meshCm, valuesCm] = await Promise.all([
    configMap(ctx, out, ISTIO.meshConfigMap, signal),
    configMap(ctx, out, ISTIO.injectorConfigMap, signal),
  ]);
  const mesh = meshCm ? parsed(out, meshCm, ISTIO.meshConfigKey) : undefined;
  const values = valuesCm ? parsed(out, valuesCm, ISTIO.injectorValuesKey) : undefined;
  if (!mesh && !values) return;
  const meshId = text(field(mesh, 'defaultConfig', 'meshId')) ?? text(field(values, 'global', 'meshID'));
  const trustDomain = text(field(mesh, 'trustDomain')) ?? text(field(values, 'global', 'trustDomain'));
  const aliasList = field(mesh, 'trustDomainAliases');
  const aliases = Array.isArray(aliasList)
    ? aliasList
        .map(text)
        .filter((a): a is string => !!a)
        .slice(0, 16)
    : [];
  const clusterName = text(field(values, 'global', 'multiCluster', 'clusterName'));
  const where = meshCm ?? valuesCm!;
  out.signals.push({
    type: 'mesh-identity',
    source: locationOf(where, 'ConfigMap', meshCm ? ISTIO.meshConfigKey : ISTIO.injectorValuesKey),
    mesh: 'istio',
    ...(meshId ? { meshId } : {}),
    ...(trustDomain ? { trustDomain } : {}),
    ...(aliases.length > 0 ? { trustDomainAliases: aliases } : {}),
    // "Kubernetes" is Istio's default name, which says nothing about the cluster.
    ...(clusterName && clusterName !== 'Kubernetes' ? { clusterName } : {}),
  });
}

async function remoteSecrets(ctx: ClusterContext, out: Collector, signal: AbortSignal): Promise<void> {
  const where = { kind: 'Secret', namespace: ISTIO.namespace, name: `${ISTIO.remoteSecretPrefix}*` };
  const secrets = await out.attempt(where, () =>
    ctx.api.list<KubeObject>(`/api/v1/namespaces/${ISTIO.namespace}/secrets`, {
      labelSelector: ISTIO.remoteSecretSelector,
      metadataOnly: true,
      signal,
    }),
  );
  for (const secret of secrets ?? []) {
    const { name } = secret.metadata;
    const target =
      text(secret.metadata.annotations?.[ISTIO.clusterAnnotation]) ??
      (name.startsWith(ISTIO.remoteSecretPrefix)
        ? text(name.slice(ISTIO.remoteSecretPrefix.length))
        : undefined);
    if (!target) continue;
    out.signals.push({
      type: 'mesh-link',
      source: { kind: 'Secret', namespace: ISTIO.namespace, name },
      mesh: 'istio',
      via: 'istio-remote-secret',
      target,
    });
  }
}
