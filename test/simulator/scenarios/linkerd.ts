/**
 * Linkerd mid-rotation: the bundle holds the old anchor (expiring) and the new one, the issuer is
 * already signed by the new anchor, one proxy was started before the new anchor was added
 * (restart needed) and proxies expose both the old and the new expiry metric names.
 */
import { dump } from 'js-yaml';
import { mint } from '#support/mint';
import type { ProxyRoute } from '../types';
import {
  configMap,
  metricsRoute,
  namespace,
  pems,
  pod,
  type ScenarioBundle,
  secret,
  validity,
  workload,
} from './objects';

const NS = 'linkerd';
const ANCHORS_ENV = 'LINKERD2_PROXY_IDENTITY_TRUST_ANCHORS';

/** The two anchors (old one expiring), the issuer under the new one, and the injector's webhook pair. */
async function mintCerts(now: Date) {
  const span = (fromDays: number, toDays: number) => validity(now, fromDays, toDays);
  const oldAnchor = await mint({ subject: 'CN=root.linkerd.cluster.local', isCA: true, ...span(-330, 35) });
  const newAnchor = await mint({ subject: 'CN=root.linkerd.cluster.local', isCA: true, ...span(-5, 3645) });
  const issuer = await mint({
    subject: 'CN=identity.linkerd.cluster.local',
    issuer: newAnchor,
    isCA: true,
    pathLen: 0,
    ...span(-5, 360),
  });
  const injectorCa = await mint({
    subject: 'CN=webhook.linkerd.cluster.local',
    isCA: true,
    ...span(-100, 3550),
  });
  const injector = await mint({
    subject: 'CN=linkerd-proxy-injector.linkerd.svc',
    issuer: injectorCa,
    dnsNames: ['linkerd-proxy-injector.linkerd.svc'],
    ...span(-100, 265),
  });
  return { oldAnchor, newAnchor, issuer, injector, injectorCa };
}

/** The mid-rotation cluster. */
export async function linkerdMidRotation(now: Date): Promise<ScenarioBundle> {
  const certs = await mintCerts(now);
  const { oldAnchor, newAnchor, issuer, injector, injectorCa } = certs;
  const bundle = pems(oldAnchor, newAnchor);
  const values = dump({
    identityTrustAnchorsPEM: bundle,
    identityTrustDomain: 'cluster.local',
    identity: {
      issuer: { scheme: 'linkerd.io/tls', issuanceLifetime: '24h0m0s', tls: { crtPEM: issuer.pem } },
    },
  });
  const meshed = { 'linkerd.io/control-plane-ns': NS };
  return {
    scenario: {
      name: 'linkerd-rotation',
      objects: [
        namespace(NS),
        namespace('emojivoto'),
        workload('Deployment', NS, 'linkerd-identity'),
        configMap(NS, 'linkerd-identity-trust-roots', { 'ca-bundle.crt': bundle }),
        configMap(NS, 'linkerd-config', { values }),
        secret(NS, 'linkerd-identity-issuer', { 'crt.pem': issuer.pem, 'key.pem': issuer.keyPem }),
        secret(
          NS,
          'linkerd-proxy-injector-k8s-tls',
          { 'tls.crt': injector.pem, 'tls.key': injector.keyPem, 'ca.crt': injectorCa.pem },
          'kubernetes.io/tls',
        ),
        pod('emojivoto', 'web-1', { app: 'web', ...meshed }, [{ name: ANCHORS_ENV, value: oldAnchor.pem }]),
        pod('emojivoto', 'voting-1', { app: 'voting', ...meshed }, [{ name: ANCHORS_ENV, value: bundle }]),
      ],
      proxies: proxyRoutes(now),
    },
    canaries: [issuer.keyPem, injector.keyPem],
    certs,
  };
}

/** The two proxies' metrics: web-1 with the old gauge name, voting-1 with the 2024 one. */
function proxyRoutes(now: Date): ProxyRoute[] {
  const metric = (name: string, hours: number) => () =>
    `# HELP ${name} Time when this proxy's current mTLS identity certificate will expire.\n# TYPE ${name} gauge\n${name} ${Math.floor(now.getTime() / 1000 + hours * 3600)}\n`;
  return [
    metricsRoute(
      'pod',
      'emojivoto',
      'web-1',
      4191,
      '/metrics',
      metric('identity_cert_expiration_timestamp_seconds', 20),
    ),
    metricsRoute(
      'pod',
      'emojivoto',
      'voting-1',
      4191,
      '/metrics',
      metric('control_identity_cert_expiration_timestamp_seconds', 22),
    ),
  ];
}
