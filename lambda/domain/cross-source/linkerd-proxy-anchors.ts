/**
 * `linkerd_proxy_anchors_stale`: a proxy keeps the trust anchors it was started with (pod env);
 * pods whose anchors differ from the current bundle need a restart to trust new identities.
 */
import type { Finding } from '../model';
import { LINKERD } from '../rbac/source-reads';
import type { ProxyTrustAnchorsSignal } from '../signals';
import { type CrossSourceRule, listNames, placements } from './context';

/** Base64 bodies of the PEM blocks, whitespace removed: a text-level identity of each certificate. */
function pemBodies(pem: string): Set<string> {
  const out = new Set<string>();
  for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    out.add((m[1] ?? '').replace(/\s+/g, ''));
  }
  return out;
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
      const anchors = pemBodies(pod.anchorsPem);
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
