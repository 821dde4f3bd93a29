/** In-memory object store of one simulated cluster, ordered like etcd keys (namespace, then name). */
import { randomUUID } from 'node:crypto';
import { groupVersionOf, type ResourceCatalog, type ResourceType } from './resource-catalog';
import type { SimObject } from './types';

/** Identifies one object to delete or read. */
export interface ObjectRef {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

function typeKey(type: ResourceType): string {
  return `${type.group}/${type.resource}`;
}

/** Position of an object inside its collection; lists are sorted by it. */
export function itemKey(object: SimObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** The objects of one cluster; `put` and `delete` bump the resourceVersion like the real server. */
export class ObjectStore {
  private readonly collections = new Map<string, Map<string, SimObject>>();
  private revision = 1;

  constructor(readonly catalog: ResourceCatalog) {}

  /** Current resourceVersion of the whole store. */
  get resourceVersion(): string {
    return String(this.revision);
  }

  /** Creates or replaces an object (deep copy); installs its CRD group if needed. */
  put(object: SimObject): SimObject {
    const type = this.catalog.byObject(object.apiVersion, object.kind);
    if (!object.metadata?.name) throw new Error(`simulator: ${object.kind} without metadata.name`);
    if (type.namespaced !== Boolean(object.metadata.namespace)) {
      const what = type.namespaced ? 'needs' : 'must not have';
      throw new Error(`simulator: ${object.kind} "${object.metadata.name}" ${what} a namespace`);
    }
    if (type.crd) this.catalog.install(type.group);
    this.revision += 1;
    const stored = structuredClone(object);
    stored.apiVersion = groupVersionOf(type);
    stored.metadata.resourceVersion = String(this.revision);
    stored.metadata.uid ??= randomUUID();
    this.collection(type).set(itemKey(stored), stored);
    return structuredClone(stored);
  }

  /** Removes an object; false when it was not there. */
  delete(ref: ObjectRef): boolean {
    const type = this.catalog.byObject(ref.apiVersion, ref.kind);
    const removed = this.collection(type).delete(`${ref.namespace ?? ''}/${ref.name}`);
    if (removed) this.revision += 1;
    return removed;
  }

  /** One object, or undefined. */
  get(type: ResourceType, namespace: string | undefined, name: string): SimObject | undefined {
    const found = this.collection(type).get(`${namespace ?? ''}/${name}`);
    return found && structuredClone(found);
  }

  /** Every object of a type (in one namespace when given), sorted by namespace then name. */
  list(type: ResourceType, namespace?: string): SimObject[] {
    const all = [...this.collection(type).values()].filter(
      (o) => namespace === undefined || o.metadata.namespace === namespace,
    );
    return all.sort((a, b) => (itemKey(a) < itemKey(b) ? -1 : itemKey(a) > itemKey(b) ? 1 : 0));
  }

  /** Every object of a kind, for RBAC lookups and tests. */
  ofKind(kind: string, apiVersion?: string): SimObject[] {
    return this.list(this.catalog.byObject(apiVersion, kind));
  }

  private collection(type: ResourceType): Map<string, SimObject> {
    const key = typeKey(type);
    let found = this.collections.get(key);
    if (!found) {
      found = new Map();
      this.collections.set(key, found);
    }
    return found;
  }
}
