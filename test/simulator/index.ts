/**
 * Kubernetes API simulator for tests: a loopback HTTPS kube-apiserver (discovery, GET, LIST with
 * selectors and pagination, RBAC, pod/service proxy, faults, request log) that certwatch's client
 * and kubectl both talk to. One simulator per cluster. Test code only: may import anything.
 */
import { FaultInjector } from './faults';
import { type KubeconfigContext, writeKubeconfig } from './kubeconfig';
import { type ObjectRef, ObjectStore } from './object-store';
import { ProxyRouter } from './proxy';
import { ResourceCatalog, type ResourceType } from './resource-catalog';
import { SimulatorServer, type TokenAuthenticator } from './server';
import { type ServingCert, servingCert } from './serving-cert';
import type { Fault, ProxyRoute, RequestRecord, Scenario, SimObject, SimUser } from './types';
import { UserDirectory } from './user-directory';

export * from './exports';

/** How to start a simulator; a scenario's content is merged with the explicit fields. */
export interface SimulatorOptions {
  readonly scenario?: Scenario;
  readonly objects?: readonly SimObject[];
  /** Static bearer tokens; `admin` (group `system:masters`, bypasses RBAC) always exists. */
  readonly users?: readonly SimUser[];
  /** Consulted for tokens no static user has (e.g. EKS `k8s-aws-v1.…` tokens). */
  readonly authenticate?: TokenAuthenticator;
  /** Enforce RBAC from the stored roles and bindings. @default true */
  readonly rbac?: boolean;
  readonly proxies?: readonly ProxyRoute[];
  readonly faults?: readonly Fault[];
  /** CRD-backed API groups to serve even without objects, e.g. `cert-manager.io`. */
  readonly crds?: readonly string[];
  /** Extra resource types (usually CRDs: set `crd: true`). */
  readonly resourceTypes?: readonly ResourceType[];
  /** Items per LIST page at most, whatever the client's `limit` (forces `continue` on small lists). */
  readonly maxPageSize?: number;
  /** Mint a new serving CA for this simulator instead of the process-wide one. @default false */
  readonly freshCa?: boolean;
}

/** A running simulated cluster. */
export interface Simulator {
  readonly name: string;
  readonly url: string;
  /** PEM of the CA that signed the serving certificate. */
  readonly caPem: string;
  readonly store: ObjectStore;
  readonly faults: FaultInjector;
  readonly proxies: ProxyRouter;
  /** Every request received, in order; clear with `requests.length = 0`. */
  readonly requests: RequestRecord[];
  /** TLS connections accepted so far. */
  readonly connections: number;
  /** RBAC on or off; may be flipped between requests. */
  rbac: boolean;
  /** The bearer token of a static user; throws for an unknown user. */
  token(user: string): string;
  /** Adds a static user; returns its token. */
  addUser(user: SimUser): string;
  /** Creates or replaces an object (bumps resourceVersion). */
  put(object: SimObject): SimObject;
  /** Deletes an object; false when it was absent. */
  delete(ref: ObjectRef): boolean;
  /** A kubeconfig context for `user` (context name defaults to the simulator name). */
  context(user: string, name?: string, namespace?: string): KubeconfigContext;
  /** Writes a kubeconfig with one context per user given (default: `admin`). */
  writeKubeconfig(path: string, users?: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

interface Parts {
  readonly store: ObjectStore;
  readonly proxies: ProxyRouter;
  readonly users: UserDirectory;
}

function buildParts(options: SimulatorOptions): Parts {
  const scenario = options.scenario;
  const crds = [...(scenario?.crds ?? []), ...(options.crds ?? [])];
  const catalog = new ResourceCatalog(options.resourceTypes, crds);
  const store = new ObjectStore(catalog);
  for (const object of [...(scenario?.objects ?? []), ...(options.objects ?? [])]) store.put(object);
  const proxies = new ProxyRouter(store, catalog);
  for (const route of [...(scenario?.proxies ?? []), ...(options.proxies ?? [])]) proxies.register(route);
  const users = new UserDirectory(
    [...(scenario?.users ?? []), ...(options.users ?? [])],
    options.authenticate,
  );
  return { store, proxies, users };
}

class RunningSimulator implements Simulator {
  readonly requests: RequestRecord[] = [];
  readonly store: ObjectStore;
  readonly proxies: ProxyRouter;
  readonly faults: FaultInjector;
  rbac: boolean;
  private readonly users: UserDirectory;
  private readonly maxPageSize: number | undefined;
  private server?: SimulatorServer;

  constructor(
    readonly name: string,
    parts: Parts,
    options: SimulatorOptions,
    private readonly cert: ServingCert,
  ) {
    ({ store: this.store, proxies: this.proxies, users: this.users } = parts);
    this.faults = new FaultInjector(options.faults);
    this.rbac = options.rbac ?? true;
    this.maxPageSize = options.maxPageSize;
  }

  async listen(): Promise<void> {
    const api = {
      store: this.store,
      catalog: this.store.catalog,
      proxies: this.proxies,
      rbac: () => this.rbac,
      ...(this.maxPageSize === undefined ? {} : { maxPageSize: this.maxPageSize }),
    };
    const { faults, requests, cert } = this;
    this.server = await SimulatorServer.start({
      api,
      faults,
      authenticate: this.users.authenticate,
      requests,
      cert,
    });
  }

  get url(): string {
    if (!this.server) throw new Error(`simulator ${this.name}: not started`);
    return this.server.url;
  }

  get connections(): number {
    return this.server?.connections ?? 0;
  }

  get caPem(): string {
    return this.cert.caPem;
  }

  token(user: string): string {
    return this.users.token(user);
  }

  addUser(user: SimUser): string {
    return this.users.add(user);
  }

  put(object: SimObject): SimObject {
    return this.store.put(object);
  }

  delete(ref: ObjectRef): boolean {
    return this.store.delete(ref);
  }

  context(user: string, name = this.name, namespace?: string): KubeconfigContext {
    return { name, url: this.url, caPem: this.caPem, token: this.users.token(user), namespace };
  }

  writeKubeconfig(path: string, users: readonly string[] = ['admin']): Promise<void> {
    const contexts = users.map((u) => this.context(u, users.length === 1 ? this.name : `${this.name}-${u}`));
    return writeKubeconfig(path, contexts);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }
}

/** Starts one simulated cluster on 127.0.0.1 with a random port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const parts = buildParts(options);
  const cert = await servingCert(options.freshCa);
  const simulator = new RunningSimulator(options.scenario?.name ?? 'simulator', parts, options, cert);
  await simulator.listen();
  return simulator;
}
