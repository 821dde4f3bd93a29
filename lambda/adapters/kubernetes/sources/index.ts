/**
 * The cluster sources (one file each) and the factory that builds them for one cluster.
 * Sources depend only on the KubeApi interface; they return raw material, never parsed facts.
 * May import: ../kube-api, lambda/domain (types, source-reads), lambda/ports.
 */
import type { CertificateSource } from '../../../ports/certificate-source';
import type { Clock } from '../../../ports/clock';
import type { KubeApi } from '../kube-api';
import { CertManagerSource } from './cert-manager-source';
import { clusterContext, type SourceOptions } from './cluster-context';
import { withConsulPeerings } from './consul-peerings';
import { ConsulSource } from './consul-source';
import { IstioSource } from './istio-source';
import { LinkerdSource } from './linkerd-source';
import { SpireSource } from './spire-source';
import { TlsSecretsSource } from './tls-secrets-source';
import { AwsPcaIssuerSource } from './upstream-issuers';

export type { SourceOptions } from './cluster-context';
export {
  AwsPcaIssuerSource,
  CertManagerSource,
  ConsulSource,
  IstioSource,
  LinkerdSource,
  SpireSource,
  TlsSecretsSource,
};

/** Every source for one cluster, sharing one discovery call; `allTlsSecrets` adds the opt-in one. */
export function clusterSources(api: KubeApi, clock: Clock, options: SourceOptions = {}): CertificateSource[] {
  const ctx = clusterContext(api, clock, options);
  const sources: CertificateSource[] = [
    new IstioSource(ctx),
    new LinkerdSource(ctx),
    withConsulPeerings(new ConsulSource(ctx), ctx),
    new CertManagerSource(ctx),
    new AwsPcaIssuerSource(ctx),
    new SpireSource(ctx),
  ];
  if (options.allTlsSecrets) sources.push(new TlsSecretsSource(ctx));
  return sources;
}
