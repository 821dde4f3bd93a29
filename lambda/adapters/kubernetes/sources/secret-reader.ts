/**
 * Reads Secrets by name: `readSecretKeys` for the mesh sources' fixed names, `SecretReader` for the
 * TLS-shaped Secrets (tls.crt, ca.crt) cert-manager objects name, each once.
 */
import type { NamedSecret } from '../../../domain/cert-manager/named-secrets';
import type { Mesh, Role, SourceLocation } from '../../../domain/model';
import { secretReadGrant } from '../../../domain/rbac/secret-grant';
import { corePath } from '../api-paths';
import type { KubeApi, KubeObject } from '../kube-api';
import { type Collector, failureReason, isNotFound } from './collector';
import { type KeySpec, materialsFrom, secretEntries } from './object-data';

/** One Secret to read and how to label its keys. */
export interface SecretKeys {
  readonly namespace: string;
  readonly name: string;
  readonly keys: Readonly<Record<string, KeySpec>>;
  readonly mesh: Mesh;
  /** Failure detail when no key of `keys` holds a certificate. */
  readonly missing: string;
  /** A 404 is a failure too; otherwise absence is left to the caller. */
  readonly required?: boolean;
}

/** Reads one Secret's certificate keys into `out`; false when it does not exist (and is not required). */
export async function readSecretKeys(
  api: KubeApi,
  out: Collector,
  read: SecretKeys,
  signal: AbortSignal,
): Promise<boolean> {
  const where: SourceLocation = { kind: 'Secret', namespace: read.namespace, name: read.name };
  let secret: KubeObject;
  try {
    secret = await api.get<KubeObject>(corePath('secrets', read.namespace, read.name), { signal });
  } catch (error) {
    if (isNotFound(error) && read.required !== true) return false;
    out.fail(error, where);
    return true;
  }
  out.addMaterials(
    materialsFrom(secret, 'Secret', secretEntries(secret), read.keys, read.mesh),
    read.missing,
    where,
  );
  return true;
}

/** How reading a named Secret ended: `unread` failures (forbidden, server errors) are already reported. */
export type SecretOutcome = 'read' | 'absent' | 'unread';

/** Reads each named Secret at most once; forbidden reads are gathered per namespace, not failed one by one. */
export class SecretReader {
  private readonly seen = new Map<string, Promise<SecretOutcome>>();
  private readonly forbidden = new Set<string>();
  /** namespace → Secret name → the objects naming it. */
  private readonly denied = new Map<string, Map<string, string[]>>();

  constructor(
    private readonly api: KubeApi,
    private readonly out: Collector,
    private readonly signal: AbortSignal,
  ) {}

  /**
   * Reads tls.crt (as `role`) and ca.crt (trust bundle) of `secret` unless already read. `absent`
   * (404) is left to the caller: a Certificate's missing Secret is not issued yet, a Ready CA
   * issuer's is a blind spot.
   */
  read(secret: NamedSecret, role: Role): Promise<SecretOutcome> {
    const id = `${secret.namespace}/${secret.name}`;
    let pending = this.seen.get(id);
    if (!pending) {
      pending = this.load(secret, role);
      this.seen.set(id, pending);
    }
    return pending.then((outcome) => {
      this.noteDenied(secret);
      return outcome;
    });
  }

  /** One `permission_denied` failure per namespace: every Secret not read, who names it, the grant. */
  reportDenied(): void {
    for (const [namespace, secrets] of [...this.denied].sort(([a], [b]) => a.localeCompare(b))) {
      const names = [...secrets.keys()].sort();
      const list = names.map((name) => `${name} (${secrets.get(name)?.join(', ')})`).join(', ');
      const plural = names.length === 1 ? 'Secret' : 'Secrets';
      this.out.failWith(
        'permission_denied',
        `${names.length} ${plural} named by cert-manager not read: ${list}`,
        { kind: 'Secret', namespace, name: '*' },
        `Grant get on exactly these Secrets: ${secretReadGrant(namespace, names)} (or apply the output of 'certwatch rbac --from-cluster').`,
      );
    }
  }

  private noteDenied(secret: NamedSecret): void {
    if (!this.forbidden.has(`${secret.namespace}/${secret.name}`)) return;
    const byName = this.denied.get(secret.namespace) ?? new Map<string, string[]>();
    const namedBy = byName.get(secret.name) ?? [];
    if (!namedBy.includes(secret.namedBy)) namedBy.push(secret.namedBy);
    byName.set(secret.name, namedBy);
    this.denied.set(secret.namespace, byName);
  }

  private async load(secret: NamedSecret, role: Role): Promise<SecretOutcome> {
    const where: SourceLocation = { kind: 'Secret', namespace: secret.namespace, name: secret.name };
    let object: KubeObject;
    try {
      object = await this.api.get<KubeObject>(corePath('secrets', secret.namespace, secret.name), {
        signal: this.signal,
      });
    } catch (error) {
      if (isNotFound(error)) return 'absent';
      if (failureReason(error) === 'permission_denied')
        this.forbidden.add(`${secret.namespace}/${secret.name}`);
      else this.out.fail(error, where);
      return 'unread';
    }
    const keys = { 'tls.crt': { role }, 'ca.crt': { role: 'cert-manager-ca', trustBundle: true } };
    const found = materialsFrom(object, 'Secret', secretEntries(object), keys, 'cert-manager');
    this.out.addMaterials(found, 'no tls.crt or ca.crt', where);
    return 'read';
  }
}
