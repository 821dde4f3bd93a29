/**
 * Reads TLS-shaped Secrets (tls.crt, ca.crt) once each, only where the scanner is allowed to by
 * design (named Secrets, the cluster-resource namespace, or the --all-tls-secrets opt-in).
 */
import type { Role } from '../../../domain/model';
import type { KubeApi, KubeObject } from '../kube-api';
import { type Collector, isNotFound } from './collector';
import { corePath, materialsFrom, secretEntries } from './object-data';

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
    let secret: KubeObject;
    try {
      secret = await this.api.get<KubeObject>(corePath('secrets', namespace, name), { signal: this.signal });
    } catch (error) {
      // A Certificate whose Secret is missing is not issued yet: its status says so, not a blind spot.
      if (!isNotFound(error)) this.out.fail(error, { kind: 'Secret', namespace, name });
      return;
    }
    const keys = { 'tls.crt': { role }, 'ca.crt': { role: 'cert-manager-ca', trustBundle: true } };
    const found = materialsFrom(secret, 'Secret', secretEntries(secret), keys, 'cert-manager');
    if (found.length === 0)
      this.out.failWith('bad_data', 'no tls.crt or ca.crt', { kind: 'Secret', namespace, name });
    this.out.materials.push(...found);
  }
}
