/**
 * Reads TLS-shaped Secrets (tls.crt, ca.crt) once each, only where the scanner is allowed to by
 * design (named Secrets, the cluster-resource namespace, or the --all-tls-secrets opt-in).
 */
import type { Mesh, Role, SourceLocation } from '../../../domain/model';
import type { KubeApi, KubeObject } from '../kube-api';
import { type Collector, isNotFound } from './collector';
import { corePath, type KeySpec, materialsFrom, secretEntries } from './object-data';

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

/** Reads each `namespace/name` at most once, through `allowed`. */
export class SecretReader {
  private readonly seen = new Map<string, Promise<void>>();

  constructor(
    private readonly api: KubeApi,
    private readonly out: Collector,
    private readonly allowed: (namespace: string, name: string) => boolean,
    private readonly signal: AbortSignal,
  ) {}

  /** Reads tls.crt (as `role`) and ca.crt (trust bundle) unless not allowed or already read. */
  read(namespace: string, name: string, role: Role): Promise<void> {
    const id = `${namespace}/${name}`;
    if (!this.allowed(namespace, name)) return Promise.resolve();
    let pending = this.seen.get(id);
    if (!pending) {
      pending = this.load(namespace, name, role);
      this.seen.set(id, pending);
    }
    return pending;
  }

  private async load(namespace: string, name: string, role: Role): Promise<void> {
    const keys = { 'tls.crt': { role }, 'ca.crt': { role: 'cert-manager-ca', trustBundle: true } };
    const missing = 'no tls.crt or ca.crt';
    // A Certificate whose Secret is missing is not issued yet: its status says so, not a blind spot.
    await readSecretKeys(
      this.api,
      this.out,
      { namespace, name, keys, mesh: 'cert-manager', missing },
      this.signal,
    );
  }
}
