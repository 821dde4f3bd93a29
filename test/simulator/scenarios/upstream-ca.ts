/**
 * Upstream CA scenarios: an Istio plug-in CA (`cacerts`, 300 days left) signed by an upstream
 * issuer with 10 days left, held in Vault PKI or AWS Private CA, optionally with the cert-manager
 * Vault ClusterIssuer or the AWSPCAIssuer that names the upstream. The upstream side (the Vault
 * mount, the Private CA) is returned for the loopback servers to serve. Test code only.
 */
import { type MintedCert, mint } from '#support/mint';
import type { VaultMount } from '#support/vault-api-server';
import type { SimObject } from '../types';
import { b64, configMap, namespace, pems, type ScenarioBundle, secret, validity } from './objects';

/** The certificates of one upstream scenario. */
export interface UpstreamCerts {
  /** Long-lived upstream root. */
  readonly root: MintedCert;
  /** The upstream issuer that signed the cluster's CA: 10 days left. */
  readonly issuer: MintedCert;
  /** Its successor in the same Vault mount (rotation): 730 days left, signs nothing yet. */
  readonly next: MintedCert;
  /** The in-cluster Istio intermediate: 300 days left. */
  readonly intermediate: MintedCert;
}

/** Mints root → issuer (10 d) → Istio intermediate (300 d), plus the issuer's successor. */
export async function upstreamCerts(now: Date, label: string): Promise<UpstreamCerts> {
  const root = await mint({
    subject: `CN=${label} Root CA,O=example`,
    ...validity(now, -400, 3650),
    isCA: true,
  });
  const issuer = await mint({
    subject: `CN=${label} Issuing CA,O=example`,
    issuer: root,
    ...validity(now, -355, 10),
    isCA: true,
  });
  const next = await mint({
    subject: `CN=${label} Issuing CA 2,O=example`,
    issuer: root,
    ...validity(now, -5, 730),
    isCA: true,
  });
  const intermediate = await mint({
    subject: 'CN=Istio CA,O=cluster.local',
    issuer,
    ...validity(now, -65, 300),
    isCA: true,
  });
  return { root, issuer, next, intermediate };
}

/** The Vault mount holding the issuer and its successor (Vault's CA rotation). */
export function vaultMountOf(certs: UpstreamCerts): VaultMount {
  return {
    issuers: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000001',
        name: 'current',
        certificatePem: certs.issuer.pem,
        caChain: [certs.issuer.pem, certs.root.pem],
      },
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000002',
        name: 'next',
        certificatePem: certs.next.pem,
        caChain: [certs.next.pem, certs.root.pem],
      },
    ],
  };
}

/** A cluster whose Istio `cacerts` holds the intermediate and the upstream root (no upstream issuer). */
export function upstreamIstioCluster(
  name: string,
  certs: UpstreamCerts,
  extra: SimObject[] = [],
): ScenarioBundle {
  const cacerts = secret('istio-system', 'cacerts', {
    'ca-cert.pem': certs.intermediate.pem,
    'ca-key.pem': certs.intermediate.keyPem,
    'cert-chain.pem': pems(certs.intermediate),
    'root-cert.pem': certs.root.pem,
  });
  const crds = [
    ...new Set(extra.map((o) => (o.apiVersion ?? '').split('/')[0] ?? '').filter((g) => g.includes('.'))),
  ];
  return {
    scenario: {
      name,
      objects: [
        namespace('istio-system'),
        cacerts,
        configMap('istio-system', 'istio-ca-root-cert', { 'root-cert.pem': certs.root.pem }),
        ...extra,
      ],
      crds,
    },
    canaries: [certs.intermediate.keyPem],
    certs: { ...certs },
  };
}

/** A cert-manager ClusterIssuer signing through Vault PKI mount `mount` at `server`. */
export function vaultClusterIssuer(server: string, mount: string, caPem: string): SimObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'vault-issuer' },
    spec: {
      vault: {
        server,
        path: `${mount}/sign/istio-ca`,
        caBundle: b64(caPem),
        auth: { kubernetes: { role: 'cert-manager', mountPath: '/v1/auth/kubernetes' } },
      },
    },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** An aws-privateca-issuer AWSPCAIssuer for `arn`. */
export function awsPcaIssuer(ns: string, arn: string, region: string): SimObject {
  return {
    apiVersion: 'awspca.cert-manager.io/v1beta1',
    kind: 'AWSPCAIssuer',
    metadata: { name: 'pca', namespace: ns },
    spec: { arn, region },
  };
}
