/**
 * Meshes found where they are installed: SPIRE whose k8sbundle ConfigMap lives in `spire-system`
 * (not the default `spire`); a spire-server that runs with no bundle published anywhere; and an
 * Istio namespace whose only expiring workload certificate is on a later-listed pod on another node.
 */
import { mint } from '#support/mint';
import type { SimObject } from '../types';
import { configMap, metricsRoute, namespace, pod, type ScenarioBundle, validity, workload } from './objects';

/** SPIRE in spire-system, bundle published there under the default name and key. */
export async function spireInSpireSystem(now: Date): Promise<ScenarioBundle> {
  const root = await mint({
    subject: 'CN=spire-root,O=SPIFFE',
    isCA: true,
    uris: ['spiffe://example.org'],
    ...validity(now, -1, 30),
  });
  return {
    scenario: {
      name: 'spire-system',
      objects: [
        namespace('spire-system'),
        workload('StatefulSet', 'spire-system', 'spire-server'),
        configMap('spire-system', 'spire-bundle', { 'bundle.crt': root.pem }),
      ],
    },
    canaries: [],
    certs: { spireRoot: root },
  };
}

/** spire-server runs in `spire`, but no bundle ConfigMap exists anywhere. */
export function spireWithoutBundle(): ScenarioBundle {
  return {
    scenario: {
      name: 'spire-no-bundle',
      objects: [namespace('spire'), workload('StatefulSet', 'spire', 'spire-server')],
    },
    canaries: [],
    certs: {},
  };
}

/** Agent metrics body with `seconds` left on the workload certificate. */
function agentMetrics(seconds: number): string {
  return [
    '# TYPE istio_agent_cert_expiry_seconds gauge',
    `istio_agent_cert_expiry_seconds{resource_name="default"} ${seconds}`,
    '',
  ].join('\n');
}

/**
 * Namespace `shop`: five meshed pods, shop-0..3 on node-a (12 h left), shop-4 on node-b with 10
 * minutes left. The first three listed are all on node-a: only a spread sample sees shop-4.
 */
export function shopSidecars(): { objects: SimObject[]; proxies: ReturnType<typeof metricsRoute>[] } {
  const names = ['shop-0', 'shop-1', 'shop-2', 'shop-3', 'shop-4'];
  const objects = names.map((name, i) => {
    const p = pod('shop', name, {
      app: 'shop',
      'security.istio.io/tlsMode': 'istio',
      'istio.io/rev': 'default',
    });
    return { ...p, spec: { ...(p.spec as object), nodeName: i === 4 ? 'node-b' : 'node-a' } };
  });
  const proxies = names.map((name, i) =>
    metricsRoute('pod', 'shop', name, 15020, '/stats/prometheus', () => agentMetrics(i === 4 ? 600 : 43_200)),
  );
  return { objects: [namespace('shop'), ...objects], proxies };
}
