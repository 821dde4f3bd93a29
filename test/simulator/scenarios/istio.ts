/**
 * Istio scenarios: a healthy plug-in CA (cacerts, both webhooks, root copies in every namespace,
 * sidecars with agent metrics) and a self-signed CA whose root copy in one namespace is stale.
 */
import { type MintedCert, mint } from '#support/mint';
import type { SimObject } from '../types';
import {
  configMap,
  metricsRoute,
  namespace,
  pems,
  pod,
  type ScenarioBundle,
  secret,
  validity,
  webhookConfig,
  workload,
} from './objects';

const ISTIO_NS = 'istio-system';
const NAMESPACES = ['istio-system', 'default', 'apps', 'payments'];

function rootCopies(namespaces: string[], rootPem: string): SimObject[] {
  return namespaces.map((ns) =>
    configMap(ns, 'istio-ca-root-cert', { 'root-cert.pem': rootPem }, { 'istio.io/config': 'true' }),
  );
}

function webhooks(rootPem: string): SimObject[] {
  return [
    webhookConfig(
      'MutatingWebhookConfiguration',
      'istio-sidecar-injector',
      ['rev.namespace.sidecar-injector.istio.io'],
      rootPem,
      {
        'istio.io/rev': 'default',
      },
    ),
    webhookConfig(
      'ValidatingWebhookConfiguration',
      'istio-validator-istio-system',
      ['rev.validation.istio.io'],
      rootPem,
      {
        'istio.io/rev': 'default',
      },
    ),
  ];
}

/** Meshed pods (4 in apps: only 3 are sampled) whose agents report 12 h left on their certificate. */
function sidecars(secondsLeft: number) {
  const pods = [
    ['apps', 'web-1'],
    ['apps', 'web-2'],
    ['apps', 'web-3'],
    ['apps', 'web-4'],
    ['payments', 'pay-1'],
  ] as const;
  const body = () =>
    [
      '# HELP istio_agent_cert_expiry_seconds The time remaining, in seconds, before the certificate chain will expire.',
      '# TYPE istio_agent_cert_expiry_seconds gauge',
      `istio_agent_cert_expiry_seconds{resource_name="ROOTCA"} 3.1e+08`,
      `istio_agent_cert_expiry_seconds{resource_name="default"} ${secondsLeft}`,
      '',
    ].join('\n');
  return {
    objects: pods.map(([ns, name]) => pod(ns, name, { app: name, 'security.istio.io/tlsMode': 'istio' })),
    proxies: pods.map(([ns, name]) => metricsRoute('pod', ns, name, 15020, '/stats/prometheus', body)),
  };
}

async function rootAndIntermediate(now: Date): Promise<{ root: MintedCert; intermediate: MintedCert }> {
  const root = await mint({
    subject: 'CN=Root CA,O=cluster.local',
    isCA: true,
    ...validity(now, -365, 3285),
  });
  const intermediate = await mint({
    subject: 'CN=Intermediate CA,O=cluster.local',
    issuer: root,
    isCA: true,
    ...validity(now, -30, 700),
  });
  return { root, intermediate };
}

/** Healthy Istio with a plug-in CA (classic cacerts form); nothing is at risk. */
export async function istioHealthy(now: Date): Promise<ScenarioBundle> {
  const { root, intermediate } = await rootAndIntermediate(now);
  const cacerts = secret(ISTIO_NS, 'cacerts', {
    'ca-cert.pem': intermediate.pem,
    'ca-key.pem': intermediate.keyPem,
    'cert-chain.pem': pems(intermediate, root),
    'root-cert.pem': root.pem,
  });
  const pods = sidecars(43_200);
  return {
    scenario: {
      name: 'istio-healthy',
      objects: [
        ...NAMESPACES.map(namespace),
        workload('Deployment', ISTIO_NS, 'istiod'),
        cacerts,
        ...rootCopies(NAMESPACES, root.pem),
        ...webhooks(root.pem),
        ...pods.objects,
      ],
      proxies: pods.proxies,
    },
    canaries: [intermediate.keyPem],
    certs: { root, intermediate },
  };
}

/** Self-signed Istio CA (istio-ca-secret) whose root copy in namespace `legacy` is an old root. */
export async function istioStaleCopy(now: Date): Promise<ScenarioBundle> {
  const root = await mint({
    subject: 'CN=Istio Root,O=cluster.local',
    isCA: true,
    ...validity(now, -20, 3630),
  });
  const oldRoot = await mint({
    subject: 'CN=Istio Root,O=cluster.local',
    isCA: true,
    ...validity(now, -3000, 600),
  });
  const caSecret = {
    ...secret(ISTIO_NS, 'istio-ca-secret', {
      'ca-cert.pem': root.pem,
      'ca-key.pem': root.keyPem,
      'cert-chain.pem': '',
      'key.pem': '',
      'root-cert.pem': root.pem,
    }),
    type: 'istio.io/ca-root',
  };
  const pods = sidecars(50_000);
  const current = ['istio-system', 'default', 'apps', 'payments'];
  return {
    scenario: {
      name: 'istio-stale',
      objects: [
        ...[...current, 'legacy'].map(namespace),
        workload('Deployment', ISTIO_NS, 'istiod'),
        caSecret,
        ...rootCopies(current, root.pem),
        ...rootCopies(['legacy'], oldRoot.pem),
        ...webhooks(root.pem),
        ...pods.objects,
      ],
      proxies: pods.proxies,
    },
    canaries: [root.keyPem],
    certs: { root, oldRoot },
  };
}

/** Healthy Istio whose cacerts `ca-cert.pem` holds garbage: the rest must still be reported. */
export async function istioGarbageSecret(now: Date): Promise<ScenarioBundle> {
  const bundle = await istioHealthy(now);
  const objects = bundle.scenario.objects.map((o) =>
    o.kind === 'Secret' && o.metadata.name === 'cacerts'
      ? {
          ...o,
          data: {
            ...(o.data as Record<string, string>),
            'ca-cert.pem': Buffer.from(
              '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
            ).toString('base64'),
          },
        }
      : o,
  );
  return { ...bundle, scenario: { ...bundle.scenario, name: 'istio-garbage', objects } };
}
