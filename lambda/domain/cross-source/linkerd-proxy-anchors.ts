/**
 * `linkerd_proxy_anchors_stale`: a proxy keeps the trust anchors it was started with (pod env);
 * pods whose anchors differ from the current bundle need a restart to trust new identities.
 */
import type { Finding } from '../model';
import { splitMaterial } from '../parse/split-material';
import { LINKERD } from '../rbac/source-reads';
import type { ProxyTrustAnchorsSignal } from '../signals';
import { type CrossSourceRule, listNames, placements } from './context';

/**
 * The certificates of a pod's anchors env value, as base64 DER. The value is workload-controlled
 * (any pod can carry the label): the shared splitter reads it in linear time, size-capped.
 */
function anchorBodies(pem: string): Set<string> {
  return new Set(splitMaterial(pem).blocks.map((b) => base64(b.der)));
}

function base64(der: Uint8Array): string {
  return Buffer.from(der).toString('base64');
}

/** The rule. */
export const linkerdProxyAnchors: CrossSourceRule = {
  id: 'linkerd_proxy_anchors_stale',
  evaluate({ assessment, signals }) {
    const bundle = placements(
      assessment,
      (s) => s.kind === 'ConfigMap' && s.name === LINKERD.trustRootsConfigMap,
    );
    const current = new Set(bundle.flatMap((p) => p.certificates.map((c) => base64(c.facts.der))));
    if (current.size === 0) return [];
    const pods = signals.filter((s): s is ProxyTrustAnchorsSignal => s.type === 'proxy-trust-anchors');
    const stale = pods.filter((pod) => {
      const anchors = anchorBodies(pod.anchorsPem);
      return anchors.size !== current.size || [...anchors].some((a) => !current.has(a));
    });
    if (stale.length === 0) return [];
    const names = stale.map((p) => `${p.source.namespace ?? ''}/${p.source.name}`);
    const finding: Finding = {
      severity: 'warning',
      rule: 'linkerd_proxy_anchors_stale',
      source: stale[0]!.source,
      message: `${stale.length} meshed pod${stale.length === 1 ? '' : 's'} started with trust anchors that differ from ${LINKERD.trustRootsConfigMap}: restart needed (${listNames(names)})`,
      remediation:
        'Restart these workloads (kubectl rollout restart) so their proxies load the current trust bundle.',
    };
    return [finding];
  },
};
