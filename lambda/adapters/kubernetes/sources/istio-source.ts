/**
 * Istio: the CA Secrets (istio-ca-secret, cacerts in both forms, istiod-tls), every namespace's
 * istio-ca-root-cert (one paginated cluster-wide list), the injector/validator webhook caBundles,
 * workload expiry from a bounded sample of sidecars' agent metrics, and the multicluster facts
 * (mesh id, trust domain, remote secrets' metadata) that say which clusters it is linked to.
 */
import { describeInstallation, installationsOf } from '../../../domain/installations';
import type { SourceLocation } from '../../../domain/model';
import { ISTIO } from '../../../domain/rbac/source-reads';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import type { KubeObject } from '../kube-api';
import { type ClusterContext, type PromSample, servesAnyGroup } from './cluster-context';
import { Collector } from './collector';
import { readIstioMulticluster } from './istio-multicluster';
import { addConfigMapKey, decodeBase64, type KeySpec, locationOf } from './object-data';
import { scrapeMeshedPods } from './proxy-scrape';
import { readSecretKeys } from './secret-reader';

const ROOT: KeySpec = { role: 'istio-root', trustBundle: true };
const SIGNING: KeySpec = { role: 'istio-intermediate' };

/** Data keys of each Istio CA Secret and what they hold (SOURCES.md §1.1, §1.4). */
const SECRET_KEYS: Readonly<Record<string, Readonly<Record<string, KeySpec>>>> = {
  [ISTIO.selfSignedSecret]: { 'ca-cert.pem': { role: 'istio-root' }, 'root-cert.pem': ROOT },
  [ISTIO.pluginSecret]: {
    'ca-cert.pem': SIGNING,
    'cert-chain.pem': SIGNING,
    'root-cert.pem': ROOT,
    'tls.crt': SIGNING,
    'ca.crt': ROOT,
  },
  [ISTIO.istiodTlsSecret]: { 'tls.crt': { role: 'istiod-serving' }, 'ca.crt': ROOT },
};

const METRIC = 'istio_agent_cert_expiry_seconds';

/** Reads Istio's CA material from a cluster. */
export class IstioSource implements CertificateSource {
  readonly name = 'istio';

  constructor(private readonly ctx: ClusterContext) {}

  /**
   * Collects everything; rejects only when discovery fails. Istio counts as installed when istiod
   * runs, its CRDs are served or istio-ca-root-cert copies exist; webhooks are a hint only when
   * detection could not tell.
   */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const served = await this.ctx.groupVersions(signal);
    const [roots, installations] = await Promise.all([
      this.rootConfigMaps(out, signal),
      this.ctx.installations(signal),
    ]);
    const istiod = installationsOf(installations, 'istio');
    const present = istiod.length > 0 || servesAnyGroup(served, ISTIO.apiGroups) || roots > 0;
    if (!present && !installations.failure && out.failures.length === 0) {
      return out.result(); // Istio is not installed: nothing runs, nothing to read, nothing missed.
    }
    const webhooks = await this.webhooks(out, signal);
    if (!present && webhooks === 0 && out.failures.length === 0) return out.result();
    await Promise.all([
      this.caSecrets(out, signal),
      this.workloads(out, signal),
      readIstioMulticluster(this.ctx, out, signal),
    ]);
    if (out.materials.length === 0 && out.failures.length > 0) {
      const where = istiod[0] ? ` though ${describeInstallation(istiod[0])} runs` : '';
      out.failWith(out.failures[0]!.reason, `no Istio CA material could be read${where}`);
    }
    return out.result();
  }

  private async rootConfigMaps(out: Collector, signal: AbortSignal): Promise<number> {
    const where: SourceLocation = { kind: 'ConfigMap', name: ISTIO.rootConfigMap };
    const list = await out.attempt(where, () =>
      this.ctx.api.list<KubeObject>('/api/v1/configmaps', {
        fieldSelector: `metadata.name=${ISTIO.rootConfigMap}`,
        pageSize: this.ctx.options.pageSize ?? 500,
        signal,
      }),
    );
    for (const cm of list ?? []) addConfigMapKey(out, cm, ISTIO.rootConfigMapKey, ROOT, 'istio');
    return list?.length ?? 0;
  }

  private async webhooks(out: Collector, signal: AbortSignal): Promise<number> {
    const kinds = [
      ['MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', [ISTIO.injectorPrefix]],
      ['ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', ISTIO.validatorPrefixes],
    ] as const;
    let count = 0;
    await Promise.all(
      kinds.map(async ([kind, resource, prefixes]) => {
        const path = `/apis/admissionregistration.k8s.io/v1/${resource}`;
        const list = await out.attempt({ kind, name: '*' }, () =>
          this.ctx.api.list<KubeObject>(path, { signal }),
        );
        const istio = (list ?? []).filter(
          (w) =>
            prefixes.some((p) => w.metadata.name.startsWith(p)) ||
            w.metadata.labels?.[ISTIO.revisionLabel] !== undefined,
        );
        for (const config of istio) this.webhookBundles(out, config, kind);
        count += istio.length;
      }),
    );
    return count;
  }

  private webhookBundles(out: Collector, config: KubeObject, kind: string): void {
    const hooks = Array.isArray(config.webhooks) ? (config.webhooks as unknown[]) : [];
    hooks.forEach((hook, i) => {
      const bundle = (hook as { clientConfig?: { caBundle?: unknown } })?.clientConfig?.caBundle;
      const source = locationOf(config, kind, `webhooks[${i}].clientConfig.caBundle`);
      if (typeof bundle !== 'string' || bundle === '') {
        out.failWith('bad_data', 'webhook has no caBundle', source);
        return;
      }
      out.materials.push({
        source,
        data: decodeBase64(bundle),
        mesh: 'istio',
        role: 'webhook-ca',
        trustBundle: true,
      });
    });
  }

  private async caSecrets(out: Collector, signal: AbortSignal): Promise<void> {
    const names = Object.keys(SECRET_KEYS);
    const missing = 'no certificate key in the Secret';
    const read = (name: string) =>
      readSecretKeys(
        this.ctx.api,
        out,
        { namespace: ISTIO.namespace, name, keys: SECRET_KEYS[name] ?? {}, mesh: 'istio', missing },
        signal,
      );
    const found = await Promise.all(names.map(read));
    if (!found[0] && !found[1] && !found[2]) {
      out.failWith(
        'not_found',
        `neither ${ISTIO.selfSignedSecret} nor ${ISTIO.pluginSecret} exists in ${ISTIO.namespace}`,
        { kind: 'Secret', namespace: ISTIO.namespace, name: ISTIO.pluginSecret },
      );
    }
  }

  private async workloads(out: Collector, signal: AbortSignal): Promise<void> {
    if (this.ctx.options.workloadSampling === false) return; // pods are listed only to be sampled
    const read = (sample: PromSample, pod: KubeObject) => {
      // The agent reports seconds left; the signal carries the instant (scan clock + seconds).
      const expiresAtEpochSeconds = Math.floor(this.ctx.clock.now().getTime() / 1000 + sample.value);
      out.signals.push({
        type: 'workload-expiry',
        source: locationOf(pod, 'Pod', METRIC),
        mesh: 'istio',
        expiresAtEpochSeconds,
        metric: METRIC,
      });
    };
    const plan = {
      mesh: 'istio' as const,
      revisionLabel: ISTIO.revisionLabel,
      labelSelector: ISTIO.meshedPodSelector,
      port: ISTIO.agentPort,
      path: ISTIO.agentMetricsPath,
      sample: {
        nameMatches: (name: string) => name === METRIC,
        labels: { resource_name: 'default' },
        described: `${METRIC}{resource_name="default"} in the agent metrics`,
      },
    };
    await scrapeMeshedPods(this.ctx, out, { ...plan, metric: METRIC, read }, signal);
  }
}
