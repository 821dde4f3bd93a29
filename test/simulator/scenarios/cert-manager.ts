/**
 * cert-manager: a ClusterIssuer of kind CA whose CA expired but which still says Ready, a
 * Certificate whose renewal stalled (past renewalTime, failed attempts), a healthy Certificate,
 * and a trust-manager Bundle copied into two namespaces.
 */
import { mint } from '../../support/mint';
import type { SimObject } from '../types';
import { configMap, daysFrom, namespace, type ScenarioBundle, secret } from './objects';

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

/** The cert-manager cluster. */
export async function certManagerStalled(now: Date): Promise<ScenarioBundle> {
  const ca = await mint({
    subject: 'CN=internal-ca,O=example',
    isCA: true,
    notBefore: daysFrom(now, -400),
    notAfter: daysFrom(now, -10),
  });
  const orgRoot = await mint({
    subject: 'CN=Org Root,O=example',
    isCA: true,
    notBefore: daysFrom(now, -100),
    notAfter: daysFrom(now, 3550),
  });
  const iso = (days: number) => daysFrom(now, days).toISOString();
  const ready = (status: 'True' | 'False', reason: string, message: string) => [
    { type: 'Ready', status, reason, message, lastTransitionTime: iso(-5) },
  ];
  const objects: SimObject[] = [
    namespace('cert-manager'),
    namespace('apps'),
    secret(
      'cert-manager',
      'internal-ca',
      { 'tls.crt': ca.pem, 'tls.key': ca.keyPem, 'ca.crt': ca.pem },
      'kubernetes.io/tls',
    ),
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'internal-ca' },
      spec: { ca: { secretName: 'internal-ca' } },
      status: {
        conditions: [
          { type: 'Ready', status: 'True', reason: 'KeyPairVerified', message: 'Signing CA verified' },
        ],
      },
    },
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
    {
      apiVersion: 'trust.cert-manager.io/v1alpha1',
      kind: 'Bundle',
      metadata: { name: 'org-roots' },
      spec: { sources: [{ inLine: orgRoot.pem }], target: { configMap: { key: 'roots.pem' } } },
      status: { conditions: [{ type: 'Synced', status: 'True' }] },
    },
    configMap('apps', 'org-roots', { 'roots.pem': orgRoot.pem }),
    configMap('default', 'org-roots', { 'roots.pem': orgRoot.pem }),
  ];
  return {
    scenario: { name: 'cert-manager', objects, crds: ['cert-manager.io', 'trust.cert-manager.io'] },
    canaries: [ca.keyPem],
    certs: { ca, orgRoot },
  };
}
