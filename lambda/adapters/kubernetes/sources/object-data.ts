/**
 * Reads certificate bytes out of Kubernetes objects. This is where Secret key fields are DROPPED:
 * nothing but certificate material leaves a source.
 */
import type { CertificateMaterial, Mesh, Role, SourceLocation } from '../../../domain/model';
import type { KubeObject } from '../kube-api';
import type { Collector } from './collector';

/** True for a data key that may hold a private key (`tls.key`, `ca-key.pem`, `key.pem`, `*key`). */
export function isPrivateKeyField(key: string): boolean {
  const k = key.toLowerCase();
  return k.endsWith('key') || k.endsWith('.key') || /(^|[-_.])key\.pem$/.test(k) || k.includes('private');
}

/** Decodes base64 `data`: PEM text stays text, anything else is passed on as bytes for the parser. */
export function decodeBase64(value: string): string | Uint8Array {
  const bytes = Buffer.from(value, 'base64');
  const text = bytes.toString('utf8');
  return text.includes('-----BEGIN') ? text : new Uint8Array(bytes);
}

/** How to label the material of one data key. */
export interface KeySpec {
  readonly role: Role;
  readonly trustBundle?: boolean;
}

/** The non-key entries of a Secret's `data`, base64-decoded. Private key fields never appear. */
export function secretEntries(secret: KubeObject): Map<string, string | Uint8Array> {
  const data = (secret.data ?? {}) as Record<string, unknown>;
  const entries = new Map<string, string | Uint8Array>();
  for (const [key, value] of Object.entries(data)) {
    if (isPrivateKeyField(key) || typeof value !== 'string' || value === '') continue;
    entries.set(key, decodeBase64(value));
  }
  return entries;
}

/** The string entries of a ConfigMap's `data`. */
export function configMapEntries(configMap: KubeObject): Map<string, string> {
  const data = (configMap.data ?? {}) as Record<string, unknown>;
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string') entries.set(key, value);
  return entries;
}

/** Where an object's data key was found. */
export function locationOf(object: KubeObject, kind: string, key?: string): SourceLocation {
  return {
    kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
    ...(key !== undefined ? { key } : {}),
  };
}

/**
 * Materials from the keys of `entries` named in `keys` (others are ignored), labelled per key.
 * Empty values are skipped: Istio writes empty `cert-chain.pem` in istio-ca-secret on purpose.
 */
export function materialsFrom(
  object: KubeObject,
  kind: string,
  entries: Map<string, string | Uint8Array>,
  keys: Readonly<Record<string, KeySpec>>,
  mesh: Mesh,
): CertificateMaterial[] {
  const out: CertificateMaterial[] = [];
  for (const [key, spec] of Object.entries(keys)) {
    const data = entries.get(key);
    if (data === undefined || data.length === 0 || (typeof data === 'string' && data.trim() === '')) continue;
    out.push({
      source: locationOf(object, kind, key),
      data,
      mesh,
      role: spec.role,
      ...(spec.trustBundle ? { trustBundle: true } : {}),
    });
  }
  return out;
}

/** Adds the material of one ConfigMap key to `out`; a ConfigMap without it is a `bad_data` failure. */
export function addConfigMapKey(
  out: Collector,
  cm: KubeObject,
  key: string,
  spec: KeySpec,
  mesh: Mesh,
): void {
  const found = materialsFrom(cm, 'ConfigMap', configMapEntries(cm), { [key]: spec }, mesh);
  out.addMaterials(found, `no ${key} key`, locationOf(cm, 'ConfigMap'));
}
