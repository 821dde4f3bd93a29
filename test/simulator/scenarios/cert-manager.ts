/**
 * cert-manager: a ClusterIssuer of kind CA whose CA expired but which still says Ready, a
 * Certificate whose renewal stalled (past renewalTime, failed attempts), a healthy Certificate,
 * and a trust-manager Bundle copied into two namespaces. Also: the same ClusterIssuer with
 * cert-manager run with `--cluster-resource-namespace`, its CA Secret in that namespace.
 */
import { mint } from '#support/mint';
import type { SimObject } from '../types';
import { configMap, daysFrom, namespace, type ScenarioBundle, secret, validity } from './objects';

function certificate(now: Date, ns: string, name: string, status: Record<string, unknown>): SimObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace: ns },
    spec: {
      secretName: `${name}-tls`,
      dnsNames: [`${name}.${ns}.svc`],
      issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer' },
    },
    status: { ...status, notBefore: daysFrom(now, -60).toISOString() },
  };
}

/** A CA ClusterIssuer that still says Ready (cert-manager checks the key pair, not the expiry). */
function caClusterIssuer(): SimObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'internal-ca' },
    spec: { ca: { secretName: 'internal-ca' } },
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KeyPairVerified', message: 'Signing CA verified' },
      ],
    },
  };
}

/** A trust-manager Bundle of one inline root, written to ConfigMaps under key roots.pem. */
function orgRootsBundle(rootPem: string): SimObject {
  return {
    apiVersion: 'trust.cert-manager.io/v1alpha1',
    kind: 'Bundle',
    metadata: { name: 'org-roots' },
    spec: { sources: [{ inLine: rootPem }], target: { configMap: { key: 'roots.pem' } } },
    status: { conditions: [{ type: 'Synced', status: 'True' }] },
  };
}

/** web: renewal stalled (past renewalTime, failed attempts); api: Secret never issued; billing: healthy. */
function certificates(now: Date): SimObject[] {
  const iso = (days: number) => daysFrom(now, days).toISOString();
  const ready = (status: 'True' | 'False', reason: string, message: string) => [
    { type: 'Ready', status, reason, message, lastTransitionTime: iso(-5) },
  ];
  return [
    certificate(now, 'apps', 'web', {
      conditions: [
        ...ready('True', 'Ready', 'Certificate is up to date and has not expired'),
        {
          type: 'Issuing',
          status: 'False',
          reason: 'Failed',
          message: 'The certificate request has failed to complete',
        },
      ],
      notAfter: iso(5),
      renewalTime: iso(-10),
      failedIssuanceAttempts: 3,
    }),
    certificate(now, 'apps', 'api', {
      conditions: ready('False', 'DoesNotExist', 'Issuing certificate as Secret does not exist'),
      failedIssuanceAttempts: 1,
    }),
    certificate(now, 'apps', 'billing', {
      conditions: ready('True', 'Ready', 'Certificate is up to date and has not expired'),
      notAfter: iso(60),
      renewalTime: iso(30),
    }),
  ];
}

/** The cert-manager cluster. */
export async function certManagerStalled(now: Date): Promise<ScenarioBundle> {
  const ca = await mint({ subject: 'CN=internal-ca,O=example', isCA: true, ...validity(now, -400, -10) });
  const orgRoot = await mint({ subject: 'CN=Org Root,O=example', isCA: true, ...validity(now, -100, 3550) });
  const objects: SimObject[] = [
    namespace('cert-manager'),
    namespace('apps'),
    secret(
      'cert-manager',
      'internal-ca',
      { 'tls.crt': ca.pem, 'tls.key': ca.keyPem, 'ca.crt': ca.pem },
      'kubernetes.io/tls',
    ),
    caClusterIssuer(),
    ...certificates(now),
    orgRootsBundle(orgRoot.pem),
    configMap('apps', 'org-roots', { 'roots.pem': orgRoot.pem }),
    configMap('default', 'org-roots', { 'roots.pem': orgRoot.pem }),
  ];
  return {
    scenario: { name: 'cert-manager', objects, crds: ['cert-manager.io', 'trust.cert-manager.io'] },
    canaries: [ca.keyPem],
    certs: { ca, orgRoot },
  };
}

/**
 * cert-manager run with `--cluster-resource-namespace=<clusterResourceNamespace>`: ClusterIssuer
 * internal-ca (Ready) reads its CA Secret there, and that CA expired 10 days ago. Nothing of it is
 * in `cert-manager` but the controller.
 */
export async function certManagerClusterResources(
  now: Date,
  clusterResourceNamespace: string,
): Promise<ScenarioBundle> {
  const ca = await mint({ subject: 'CN=platform-ca,O=example', isCA: true, ...validity(now, -400, -10) });
  const objects: SimObject[] = [
    namespace('cert-manager'),
    namespace(clusterResourceNamespace),
    secret(
      clusterResourceNamespace,
      'internal-ca',
      { 'tls.crt': ca.pem, 'tls.key': ca.keyPem, 'ca.crt': ca.pem },
      'kubernetes.io/tls',
    ),
    caClusterIssuer(),
  ];
  return {
    scenario: { name: 'cluster-resources', objects, crds: ['cert-manager.io'] },
    canaries: [ca.keyPem],
    certs: { ca },
  };
}
