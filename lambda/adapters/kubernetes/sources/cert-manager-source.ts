/**
 * cert-manager: Certificates (status → signals, their Secrets' tls.crt/ca.crt, by name), CA
 * Issuers and ClusterIssuers (status → signals, their CA Secrets, by name) and trust-manager
 * Bundles (target ConfigMaps). istio-csr's certificates (istiod-tls …) are ordinary Certificates.
 * Vault issuers name the upstream PKI mount (./upstream-issuers). Forbidden Secret reads become one blind spot per namespace, with the grant that would allow them.
 * A Ready CA issuer whose CA Secret does not exist where certwatch looked is a blind spot too (for a
 * ClusterIssuer, usually a cluster-resource namespace certwatch was not told about).
 */
import { boundedText } from '../../../domain/bounded-text';
import {
  type CertManagerObject,
  caIssuerSecret,
  certificateSecret,
  DEFAULT_CLUSTER_RESOURCE_NAMESPACE,
  type NamedSecret,
} from '../../../domain/cert-manager/named-secrets';
import { CERT_MANAGER } from '../../../domain/rbac/source-reads';
import type { CertManagerCertificateSignal } from '../../../domain/signals';
import type { CertificateSource, CollectResult } from '../../../ports/certificate-source';
import type { KubeObject } from '../kube-api';
import type { ClusterContext } from './cluster-context';
import { Collector } from './collector';
import { DEFAULT_CONCURRENCY, forEachLimited } from './concurrency-limit';
import { locationOf } from './object-data';
import { SecretReader } from './secret-reader';
import { readTrustBundles } from './trust-manager-bundles';
import { vaultIssuerSignal } from './upstream-issuers';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

const readyCondition = (obj: KubeObject): Condition | undefined =>
  ((obj.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find(
    (c) => c.type === 'Ready',
  );

/** The issuer kinds whose objects may name a CA Secret. */
const ISSUER_KINDS = [
  ['Issuer', 'issuers'],
  ['ClusterIssuer', 'clusterissuers'],
] as const;

/** Reads cert-manager and trust-manager objects. */
export class CertManagerSource implements CertificateSource {
  readonly name = 'cert-manager';

  constructor(private readonly ctx: ClusterContext) {}

  /** Collects everything; absent CRDs are skipped. */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const served = await this.ctx.groupVersions(signal);
    const secrets = new SecretReader(this.ctx.api, out, signal);
    const work: Promise<void>[] = [];
    if (served.has(`${CERT_MANAGER.group}/${CERT_MANAGER.version}`)) {
      work.push(this.certificates(out, secrets, signal), this.issuers(out, secrets, signal));
    }
    if (served.has(`${CERT_MANAGER.trustGroup}/${CERT_MANAGER.trustVersion}`)) {
      work.push(readTrustBundles(this.ctx, out, signal));
    }
    await Promise.all(work);
    secrets.reportDenied();
    return out.result();
  }

  private async certificates(out: Collector, secrets: SecretReader, signal: AbortSignal): Promise<void> {
    const path = `/apis/${CERT_MANAGER.group}/${CERT_MANAGER.version}/certificates`;
    const list = await out.attempt({ kind: 'Certificate', name: '*' }, () =>
      this.ctx.api.list<KubeObject>(path, { pageSize: this.ctx.options.pageSize ?? 500, signal }),
    );
    const limit = this.ctx.options.concurrency ?? DEFAULT_CONCURRENCY;
    // With --all-tls-secrets the one paginated Secret list replaces these GETs.
    const readSecrets = this.ctx.options.allTlsSecrets !== true;
    const skipped = await forEachLimited(
      list ?? [],
      limit,
      async (cert) => {
        const secret = certificateSecret(cert as CertManagerObject);
        const signalOf = certificateSignal(cert);
        if (!secret || !signalOf) {
          out.failWith('bad_data', 'Certificate has no spec.secretName', locationOf(cert, 'Certificate'));
          return;
        }
        out.signals.push(signalOf);
        if (readSecrets)
          await secrets.read(secret, signalOf.isCA ? 'cert-manager-ca' : 'cert-manager-certificate');
      },
      signal,
    );
    out.notStarted(skipped, 'Certificates and their Secrets', { kind: 'Certificate', name: '*' });
  }

  private async issuers(out: Collector, secrets: SecretReader, signal: AbortSignal): Promise<void> {
    const base = `/apis/${CERT_MANAGER.group}/${CERT_MANAGER.version}`;
    await Promise.all(
      ISSUER_KINDS.map(async ([kind, resource]) => {
        const list = await out.attempt({ kind, name: '*' }, () =>
          this.ctx.api.list<KubeObject>(`${base}/${resource}`, {
            pageSize: this.ctx.options.pageSize ?? 500,
            signal,
          }),
        );
        const limit = this.ctx.options.concurrency ?? DEFAULT_CONCURRENCY;
        const skipped = await forEachLimited(
          list ?? [],
          limit,
          (issuer) => {
            vaultIssuerSignal(out, issuer, kind);
            return this.caIssuer(out, secrets, issuer, kind);
          },
          signal,
        );
        out.notStarted(skipped, `${kind}s and their CA Secrets`, { kind, name: '*' });
      }),
    );
  }

  private async caIssuer(
    out: Collector,
    secrets: SecretReader,
    issuer: KubeObject,
    kind: 'Issuer' | 'ClusterIssuer',
  ): Promise<void> {
    const clusterResourceNamespace =
      this.ctx.options.clusterResourceNamespace ?? DEFAULT_CLUSTER_RESOURCE_NAMESPACE;
    const secret = caIssuerSecret(kind, issuer as CertManagerObject, clusterResourceNamespace);
    if (secret === undefined) return; // not a CA issuer
    const source = locationOf(issuer, kind);
    if (secret instanceof Error) {
      out.failWith('bad_data', secret.message, source);
      return;
    }
    const ready = readyCondition(issuer)?.status === 'True';
    out.signals.push({
      type: 'ca-issuer',
      source,
      secretName: secret.name,
      secretNamespace: secret.namespace,
      ready,
    });
    const outcome = await secrets.read(secret, 'cert-manager-ca');
    // Ready means cert-manager loaded this key pair: absent here, certwatch looked in the wrong place.
    if (outcome === 'absent' && ready) {
      const { detail, remediation } = absentCaSecret(kind, secret, clusterResourceNamespace);
      out.failWith(
        'not_found',
        detail,
        { kind: 'Secret', namespace: secret.namespace, name: secret.name },
        remediation,
      );
    }
  }
}

/** Why a Ready CA issuer's Secret that does not exist is a blind spot, and where to look instead. */
function absentCaSecret(
  kind: 'Issuer' | 'ClusterIssuer',
  secret: NamedSecret,
  clusterResourceNamespace: string,
): { detail: string; remediation: string } {
  if (kind === 'Issuer')
    return {
      detail: `${secret.namedBy} is Ready but its CA Secret does not exist: its CA is not judged`,
      remediation: `Check spec.ca.secretName of ${secret.namedBy}: cert-manager reports Ready from the key pair it last loaded.`,
    };
  return {
    detail: `${secret.namedBy} is Ready but its CA Secret is not in ${clusterResourceNamespace}, the cluster-resource namespace certwatch reads ClusterIssuer CA Secrets from: its CA is not judged`,
    remediation:
      "If cert-manager runs with --cluster-resource-namespace, give certwatch the same namespace: `--cluster-resource-namespace NS` (scan and 'rbac --from-cluster') or `sourceOptions.clusterResourceNamespace` in the stack config.",
  };
}

/** The signal of one Certificate, or undefined when it names no Secret. */
function certificateSignal(cert: KubeObject): CertManagerCertificateSignal | undefined {
  const spec = (cert.spec ?? {}) as {
    secretName?: unknown;
    isCA?: unknown;
    commonName?: unknown;
    dnsNames?: unknown;
    issuerRef?: { name?: unknown; kind?: unknown };
  };
  const status = (cert.status ?? {}) as Record<string, unknown>;
  if (typeof spec.secretName !== 'string') return undefined;
  const ready = readyCondition(cert);
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const issuerName = text(spec.issuerRef?.name);
  const issuerKind = text(spec.issuerRef?.kind);
  const attempts = status.failedIssuanceAttempts;
  const dnsNames = Array.isArray(spec.dnsNames) ? spec.dnsNames.filter((n) => typeof n === 'string') : [];
  const commonName = text(spec.commonName);
  return {
    type: 'cert-manager-certificate',
    source: locationOf(cert, 'Certificate'),
    secretName: spec.secretName,
    ready: ready?.status === 'True',
    ...(typeof ready?.reason === 'string' && ready.reason
      ? { readyReason: boundedText(ready.reason, 100) }
      : {}),
    ...(typeof ready?.message === 'string' && ready.message
      ? { readyMessage: boundedText(ready.message) }
      : {}),
    ...(text(status.notBefore) ? { notBefore: text(status.notBefore) } : {}),
    ...(text(status.notAfter) ? { notAfter: text(status.notAfter) } : {}),
    ...(text(status.renewalTime) ? { renewalTime: text(status.renewalTime) } : {}),
    ...(typeof attempts === 'number' ? { failedIssuanceAttempts: attempts } : {}),
    ...(issuerName ? { issuerRef: { name: issuerName, ...(issuerKind ? { kind: issuerKind } : {}) } } : {}),
    ...(spec.isCA === true ? { isCA: true } : {}),
    ...(commonName ? { commonName } : {}),
    ...(dnsNames.length > 0 ? { dnsNames } : {}),
  };
}
