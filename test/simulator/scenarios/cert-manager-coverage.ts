/**
 * cert-manager coverage (issue 13's hidden-scenario style): a namespaced CA Issuer in team-a whose
 * CA expired yesterday but which still says Ready, a Ready Certificate (team-a/frontend) whose
 * Secret holds garbage, a Certificate (team-a/api) whose Secret holds another certificate than its
 * status says, and a healthy Certificate in team-b (the namespace a test forbids), all under a CA
 * ClusterIssuer whose Secret lives in the cluster-resource namespace `cert-manager`.
 */
import { type MintedCert, mint } from '#support/mint';
import type { SimObject } from '../types';
import { daysFrom, namespace, type ScenarioBundle, secret, validity } from './objects';

const READY = {
  type: 'Ready',
  status: 'True',
  reason: 'Ready',
  message: 'Certificate is up to date and has not expired',
};

function issuer(kind: 'Issuer' | 'ClusterIssuer', name: string, secretName: string, ns?: string): SimObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind,
    metadata: { name, ...(ns ? { namespace: ns } : {}) },
    spec: { ca: { secretName } },
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KeyPairVerified', message: 'Signing CA verified' },
      ],
    },
  };
}

function certificate(
  ns: string,
  name: string,
  issuerRef: object,
  status: Record<string, unknown>,
): SimObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name, namespace: ns },
    spec: { secretName: `${name}-tls`, dnsNames: [`${name}.${ns}.svc`], issuerRef },
    status: { conditions: [READY], ...status },
  };
}

function tlsSecret(ns: string, name: string, cert: MintedCert | string, ca: MintedCert): SimObject {
  const crt = typeof cert === 'string' ? cert : cert.pem;
  const key = typeof cert === 'string' ? ca.keyPem : cert.keyPem;
  return secret(ns, name, { 'tls.crt': crt, 'tls.key': key, 'ca.crt': ca.pem }, 'kubernetes.io/tls');
}

/** The cluster. */
export async function certManagerCoverage(now: Date): Promise<ScenarioBundle> {
  const iso = (days: number) => daysFrom(now, days).toISOString();
  const rootCa = await mint({ subject: 'CN=platform-root-ca', isCA: true, ...validity(now, -100, 3000) });
  const teamCa = await mint({ subject: 'CN=team-a-ca', isCA: true, ...validity(now, -365, -1) });
  const api = await mint({
    subject: 'CN=api.team-a.svc',
    issuer: rootCa,
    dnsNames: ['api.team-a.svc'],
    ...validity(now, -10, 90),
  });
  const payments = await mint({
    subject: 'CN=payments.team-b.svc',
    issuer: rootCa,
    dnsNames: ['payments.team-b.svc'],
    ...validity(now, -20, 70),
  });
  const teamIssuer = { name: 'team-ca', kind: 'Issuer' };
  const platform = { name: 'platform', kind: 'ClusterIssuer' };
  const objects: SimObject[] = [
    ...['cert-manager', 'team-a', 'team-b'].map(namespace),
    issuer('ClusterIssuer', 'platform', 'platform-root-ca'),
    tlsSecret('cert-manager', 'platform-root-ca', rootCa, rootCa),
    issuer('Issuer', 'team-ca', 'team-ca-key-pair', 'team-a'),
    tlsSecret('team-a', 'team-ca-key-pair', teamCa, teamCa),
    certificate('team-a', 'frontend', teamIssuer, {
      notBefore: iso(-30),
      notAfter: iso(60),
      renewalTime: iso(40),
    }),
    tlsSecret('team-a', 'frontend-tls', 'this is not a certificate\n', teamCa),
    certificate('team-a', 'api', platform, { notBefore: iso(-10), notAfter: iso(30), renewalTime: iso(20) }),
    tlsSecret('team-a', 'api-tls', api, rootCa),
    certificate('team-b', 'payments', platform, {
      notBefore: iso(-20),
      notAfter: iso(70),
      renewalTime: iso(40),
    }),
    tlsSecret('team-b', 'payments-tls', payments, rootCa),
  ];
  return {
    scenario: { name: 'cert-manager-coverage', objects, crds: ['cert-manager.io'] },
    canaries: [rootCa.keyPem, teamCa.keyPem, api.keyPem, payments.keyPem],
    certs: { rootCa, teamCa, api, payments },
  };
}
