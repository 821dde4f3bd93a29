/**
 * Consul Connect CA served at consul/consul-server:8500 through the service proxy (the
 * consul-server StatefulSet runs there): an active root, a signing intermediate that expires in 60
 * days, and the previous root Consul keeps after a rotation (Active: false), 20 days from its end.
 */
import { type MintedCert, mint } from '#support/mint';
import {
  daysFrom,
  metricsRoute,
  namespace,
  type ScenarioBundle,
  service,
  validity,
  workload,
} from './objects';

/**
 * The Consul objects and proxy route (merge with another scenario or use alone); the active root
 * ends `rootDays` after `now`.
 */
export async function consulConnect(now: Date, rootDays = 3620): Promise<ScenarioBundle> {
  const trustDomain = '11111111-2222-3333-4444-555555555555.consul';
  const root = await mint({
    subject: 'CN=pri-1abcdef.consul.ca.11111111.consul',
    isCA: true,
    uris: [`spiffe://${trustDomain}`],
    ...validity(now, -30, rootDays),
  });
  const signing = await mint({
    subject: 'CN=pri-2abcdef.consul.ca.11111111.consul',
    issuer: root,
    isCA: true,
    uris: [`spiffe://${trustDomain}`],
    ...validity(now, -305, 60),
  });
  const previousRoot = await mint({
    subject: 'CN=pri-0abcdef.consul.ca.11111111.consul',
    isCA: true,
    uris: [`spiffe://${trustDomain}`],
    ...validity(now, -3630, 20),
  });
  const body = () => rootsAnswer(now, trustDomain, { root, signing, previousRoot }, rootDays);
  return {
    scenario: {
      name: 'consul',
      objects: [
        namespace('consul'),
        service('consul', 'consul-server', 8500),
        workload('StatefulSet', 'consul', 'consul-server'),
      ],
      proxies: [metricsRoute('service', 'consul', 'consul-server', 8500, '/v1/connect/ca/roots', body)],
    },
    canaries: [], // Consul serves no keys on this endpoint
    certs: { consulRoot: root, consulSigning: signing, consulPreviousRoot: previousRoot },
  };
}

/** The `/v1/connect/ca/roots` answer: the active root with its signing intermediate, then the previous root. */
function rootsAnswer(
  now: Date,
  trustDomain: string,
  { root, signing, previousRoot }: Record<'root' | 'signing' | 'previousRoot', MintedCert>,
  rootDays: number,
): string {
  return JSON.stringify({
    ActiveRootID: '1a:2b:3c',
    TrustDomain: trustDomain,
    Roots: [
      {
        ID: '1a:2b:3c',
        Name: 'Consul CA Primary Cert',
        SerialNumber: 7,
        NotBefore: daysFrom(now, -30).toISOString(),
        NotAfter: daysFrom(now, rootDays).toISOString(),
        RootCert: root.pem,
        IntermediateCerts: [signing.pem],
        Active: true,
        PrivateKeyType: 'ec',
        PrivateKeyBits: 256,
      },
      {
        ID: '0f:0e:0d',
        Name: 'Consul CA Primary Cert',
        SerialNumber: 6,
        NotBefore: daysFrom(now, -3630).toISOString(),
        NotAfter: daysFrom(now, 20).toISOString(),
        RootCert: previousRoot.pem,
        IntermediateCerts: null,
        Active: false,
        PrivateKeyType: 'ec',
        PrivateKeyBits: 256,
      },
    ],
  });
}
