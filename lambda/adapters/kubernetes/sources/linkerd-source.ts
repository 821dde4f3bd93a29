/**
 * Linkerd: the trust anchors (linkerd-identity-trust-roots, linkerd-config values), the identity
 * issuer Secret in both schemes, the webhook TLS Secrets, sampled proxies' identity expiry, and
 * the trust anchors every meshed pod was started with (to spot pods that need a restart), the
 * identity trust domain and the multicluster Links naming the clusters it is linked to.
 */
import { load } from 'js-yaml';
import { boundedText } from '../../../domain/bounded-text';
import { describeInstallation, installationsOf } from '../../../domain/installations';
import { LINKERD } from '../../../domain/rbac/source-reads';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import { corePath } from '../api-paths';
import type { KubeObject } from '../kube-api';
import { type ClusterContext, type PromSample, servesAnyGroup } from './cluster-context';
import { Collector, isNotFound } from './collector';
import { readLinkerdLinks } from './linkerd-links';
import { addConfigMapKey, configMapEntries, type KeySpec, locationOf, materialsFrom } from './object-data';
import { scrapeMeshedPods } from './proxy-scrape';
import { readSecretKeys } from './secret-reader';

const ANCHOR: KeySpec = { role: 'linkerd-trust-anchor', trustBundle: true };
const ISSUER_KEYS = {
  'crt.pem': { role: 'linkerd-issuer' },
  'tls.crt': { role: 'linkerd-issuer' },
  'ca.crt': ANCHOR,
};
const WEBHOOK_KEYS = {
  'tls.crt': { role: 'linkerd-webhook' },
  'crt.pem': { role: 'linkerd-webhook' },
  'ca.crt': { role: 'webhook-ca', trustBundle: true },
};

/** Reads Linkerd's identity material from a cluster. */
export class LinkerdSource implements CertificateSource {
  readonly name = 'linkerd';

  constructor(private readonly ctx: ClusterContext) {}

  /** Collects everything; rejects only when discovery fails. */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const served = await this.ctx.groupVersions(signal);
    const [installations, ...found] = await Promise.all([
      this.ctx.installations(signal),
      this.trustRoots(out, signal),
      this.config(out, signal),
    ]);
    const identity = installationsOf(installations, 'linkerd')[0];
    const present =
      servesAnyGroup(served, LINKERD.apiGroups) || found.some(Boolean) || identity !== undefined;
    if (!present && out.failures.length === 0) return out.result(); // Linkerd is not installed.
    if (identity && !found.some(Boolean)) {
      out.failWith(
        'not_found',
        `${describeInstallation(identity)} runs, but neither ConfigMap ${LINKERD.namespace}/${LINKERD.trustRootsConfigMap} nor ${LINKERD.configConfigMap} exists`,
        { kind: 'ConfigMap', namespace: LINKERD.namespace, name: LINKERD.trustRootsConfigMap },
      );
    }
    const issuer = this.secret(out, LINKERD.issuerSecret, ISSUER_KEYS, signal, true);
    const hooks = LINKERD.webhookSecrets.map((names) => this.firstSecret(out, names, signal));
    await Promise.all([issuer, ...hooks, this.proxies(out, signal), readLinkerdLinks(this.ctx, out, signal)]);
    if (out.materials.length === 0 && out.failures.length > 0) {
      out.failWith(out.failures[0]!.reason, 'no Linkerd identity material could be read');
    }
    return out.result();
  }

  /** True when the ConfigMap exists. */
  private async trustRoots(out: Collector, signal: AbortSignal): Promise<boolean> {
    const cm = await this.configMap(out, LINKERD.trustRootsConfigMap, signal);
    if (!cm) return false;
    addConfigMapKey(out, cm, LINKERD.trustRootsKey, ANCHOR, 'linkerd');
    return true;
  }

  /** linkerd-config `values`: the anchors and (linkerd.io/tls scheme) the issuer certificate. */
  private async config(out: Collector, signal: AbortSignal): Promise<boolean> {
    const cm = await this.configMap(out, LINKERD.configConfigMap, signal);
    if (!cm) return false;
    const text = configMapEntries(cm).get('values');
    if (text === undefined) return true; // older installs keep other keys; the trust roots suffice.
    let values: Record<string, unknown>;
    try {
      values = (load(text) ?? {}) as Record<string, unknown>;
    } catch (error) {
      out.fail(
        error,
        locationOf(cm, 'ConfigMap', 'values'),
        `values is not YAML: ${(error as Error).message}`,
      );
      return true;
    }
    const issuerPem = (values.identity as { issuer?: { tls?: { crtPEM?: unknown } } } | undefined)?.issuer
      ?.tls?.crtPEM;
    const entries = new Map<string, string>();
    if (typeof values.identityTrustAnchorsPEM === 'string')
      entries.set('values.identityTrustAnchorsPEM', values.identityTrustAnchorsPEM);
    if (typeof issuerPem === 'string') entries.set('values.identity.issuer.tls.crtPEM', issuerPem);
    const keys = {
      'values.identityTrustAnchorsPEM': ANCHOR,
      'values.identity.issuer.tls.crtPEM': { role: 'linkerd-issuer' },
    };
    out.materials.push(...materialsFrom(cm, 'ConfigMap', entries, keys, 'linkerd'));
    if (typeof values.identityTrustDomain === 'string' && values.identityTrustDomain !== '') {
      out.signals.push({
        type: 'mesh-identity',
        source: locationOf(cm, 'ConfigMap', 'values.identityTrustDomain'),
        mesh: 'linkerd',
        trustDomain: boundedText(values.identityTrustDomain, 253),
      });
    }
    return true;
  }

  private async configMap(
    out: Collector,
    name: string,
    signal: AbortSignal,
  ): Promise<KubeObject | undefined> {
    try {
      return await this.ctx.api.get<KubeObject>(corePath('configmaps', LINKERD.namespace, name), { signal });
    } catch (error) {
      if (!isNotFound(error)) out.fail(error, { kind: 'ConfigMap', namespace: LINKERD.namespace, name });
      return undefined;
    }
  }

  /** Reads a Secret; `required` makes a 404 a failure. Returns whether it exists. */
  private secret(
    out: Collector,
    name: string,
    keys: Record<string, KeySpec>,
    signal: AbortSignal,
    required: boolean,
  ): Promise<boolean> {
    const missing = 'no certificate key in the Secret';
    const read = { namespace: LINKERD.namespace, name, keys, mesh: 'linkerd', missing, required } as const;
    return readSecretKeys(this.ctx.api, out, read, signal);
  }

  /** The first existing Secret of `names` (current name, then the pre-2.12 one). */
  private async firstSecret(out: Collector, names: readonly string[], signal: AbortSignal): Promise<void> {
    for (const name of names) if (await this.secret(out, name, WEBHOOK_KEYS, signal, false)) return;
  }

  private async proxies(out: Collector, signal: AbortSignal): Promise<void> {
    const metric = LINKERD.metricSuffix;
    const read = (sample: PromSample, pod: KubeObject) =>
      out.signals.push({
        type: 'workload-expiry',
        source: locationOf(pod, 'Pod', sample.name),
        mesh: 'linkerd',
        expiresAtEpochSeconds: sample.value,
        metric: sample.name,
      });
    const plan = {
      mesh: 'linkerd' as const,
      revisionLabel: LINKERD.proxyVersionLabel,
      labelSelector: LINKERD.meshedPodLabel,
      port: LINKERD.adminPort,
      path: '/metrics',
      metric,
      // Proxies renamed the gauge in 2024 (control_identity_ prefix): match the shared suffix.
      sample: {
        nameMatches: (name: string) => name.endsWith(metric),
        described: `*${metric} in the proxy metrics`,
      },
      read,
    };
    const running = await scrapeMeshedPods(this.ctx, out, plan, signal);
    for (const pod of running) {
      const anchorsPem = anchorsEnv(pod);
      const source = locationOf(pod, 'Pod', `env.${LINKERD.anchorsEnv}`);
      if (anchorsPem !== undefined) out.signals.push({ type: 'proxy-trust-anchors', source, anchorsPem });
    }
  }
}

/** The LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS value of the pod's proxy container, if set inline. */
function anchorsEnv(pod: KubeObject): string | undefined {
  const containers = ((pod.spec as { containers?: unknown[] } | undefined)?.containers ?? []) as Array<{
    env?: Array<{ name?: string; value?: unknown }>;
  }>;
  for (const container of containers) {
    const env = container.env?.find((e) => e.name === LINKERD.anchorsEnv);
    if (typeof env?.value === 'string') return env.value;
  }
  return undefined;
}
