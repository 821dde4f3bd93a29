/**
 * cert-manager: Certificates (status → signals, their Secrets' tls.crt/ca.crt), CA Issuers and
 * ClusterIssuers (status → signals, their CA Secrets) and trust-manager Bundles (target
 * ConfigMaps). istio-csr's certificates (istiod-tls …) are ordinary Certificates here. Vault
 * issuers name the upstream PKI mount (./upstream-issuers).
 */
import { boundedText } from '../../../domain/bounded-text';
import type { SourceLocation } from '../../../domain/model';
import { namedSecrets } from '../../../domain/rbac/named-secrets';
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

/** Reads cert-manager and trust-manager objects. */
export class CertManagerSource implements CertificateSource {
  readonly name = 'cert-manager';

  constructor(private readonly ctx: ClusterContext) {}

  /** Collects everything; absent CRDs are skipped. */
  async collect(signal: AbortSignal): Promise<CollectResult> {
    const out = new Collector(this.name);
    const served = await this.ctx.groupVersions(signal);
    const named = namedSecrets();
    const canRead = (ns: string, name: string) =>
      this.ctx.options.allTlsSecrets === true ||
      ns === CERT_MANAGER.clusterResourceNamespace ||
      named.has(`${ns}/${name}`);
    const secrets = new SecretReader(this.ctx.api, out, canRead, signal);
    const work: Promise<void>[] = [];
    if (served.has(`${CERT_MANAGER.group}/${CERT_MANAGER.version}`)) {
      work.push(this.certificates(out, secrets, signal), this.issuers(out, secrets, signal));
    }
    if (served.has(`${CERT_MANAGER.trustGroup}/${CERT_MANAGER.trustVersion}`)) {
      work.push(readTrustBundles(this.ctx, out, signal));
    }
    await Promise.all(work);
    return out.result();
  }

  private async certificates(out: Collector, secrets: SecretReader, signal: AbortSignal): Promise<void> {
    const path = `/apis/${CERT_MANAGER.group}/${CERT_MANAGER.version}/certificates`;
    const list = await out.attempt({ kind: 'Certificate', name: '*' }, () =>
      this.ctx.api.list<KubeObject>(path, { pageSize: this.ctx.options.pageSize ?? 500, signal }),
    );
    const limit = this.ctx.options.concurrency ?? DEFAULT_CONCURRENCY;
    const skipped = await forEachLimited(
      list ?? [],
      limit,
      async (cert) => {
        const signalOf = certificateSignal(cert);
        if (!signalOf) {
          out.failWith('bad_data', 'Certificate has no spec.secretName', locationOf(cert, 'Certificate'));
          return;
        }
        out.signals.push(signalOf);
        const ns = cert.metadata.namespace ?? 'default';
        const role = signalOf.isCA ? 'cert-manager-ca' : 'cert-manager-certificate';
        await secrets.read(ns, signalOf.secretName, role);
      },
      signal,
    );
    out.notStarted(skipped, 'Certificates and their Secrets', { kind: 'Certificate', name: '*' });
  }

  private async issuers(out: Collector, secrets: SecretReader, signal: AbortSignal): Promise<void> {
    const base = `/apis/${CERT_MANAGER.group}/${CERT_MANAGER.version}`;
    const kinds = [
      ['Issuer', 'issuers'],
      ['ClusterIssuer', 'clusterissuers'],
    ] as const;
    await Promise.all(
      kinds.map(async ([kind, resource]) => {
        const list = await out.attempt({ kind, name: '*' }, () =>
          this.ctx.api.list<KubeObject>(`${base}/${resource}`, { signal }),
        );
        for (const issuer of list ?? []) {
          vaultIssuerSignal(out, issuer, kind);
          await this.caIssuer(out, secrets, issuer, kind);
        }
      }),
    );
  }

  private async caIssuer(
    out: Collector,
    secrets: SecretReader,
    issuer: KubeObject,
    kind: string,
  ): Promise<void> {
    const secretName = (issuer.spec as { ca?: { secretName?: unknown } } | undefined)?.ca?.secretName;
    if (secretName === undefined) return; // not a CA issuer
    const source: SourceLocation = locationOf(issuer, kind);
    if (typeof secretName !== 'string') {
      out.failWith('bad_data', 'spec.ca.secretName is not a string', source);
      return;
    }
    const secretNamespace = issuer.metadata.namespace ?? CERT_MANAGER.clusterResourceNamespace;
    const ready = readyCondition(issuer)?.status === 'True';
    out.signals.push({ type: 'ca-issuer', source, secretName, secretNamespace, ready });
    await secrets.read(secretNamespace, secretName, 'cert-manager-ca');
  }
}

/** The signal of one Certificate, or undefined when it names no Secret. */
function certificateSignal(cert: KubeObject): CertManagerCertificateSignal | undefined {
  const spec = (cert.spec ?? {}) as {
    secretName?: unknown;
    isCA?: unknown;
    issuerRef?: { name?: unknown; kind?: unknown };
  };
  const status = (cert.status ?? {}) as Record<string, unknown>;
  if (typeof spec.secretName !== 'string') return undefined;
  const ready = readyCondition(cert);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const issuerName = text(spec.issuerRef?.name);
  const issuerKind = text(spec.issuerRef?.kind);
  const attempts = status.failedIssuanceAttempts;
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
    ...(text(status.notAfter) ? { notAfter: text(status.notAfter) } : {}),
    ...(text(status.renewalTime) ? { renewalTime: text(status.renewalTime) } : {}),
    ...(typeof attempts === 'number' ? { failedIssuanceAttempts: attempts } : {}),
    ...(issuerName ? { issuerRef: { name: issuerName, ...(issuerKind ? { kind: issuerKind } : {}) } } : {}),
    ...(spec.isCA === true ? { isCA: true } : {}),
  };
}
