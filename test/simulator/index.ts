/**
 * Kubernetes API simulator for tests: a loopback HTTPS kube-apiserver (discovery, GET, LIST with
 * selectors and pagination, RBAC, pod/service proxy, faults, request log) that certwatch's client
 * and kubectl both talk to. One simulator per cluster. Test code only: may import anything.
 */
import type { Identity } from './api-handler';
import { FaultInjector } from './faults';
import { type KubeconfigContext, writeKubeconfig } from './kubeconfig';
import { type ObjectRef, ObjectStore } from './object-store';
import { ProxyRouter } from './proxy';
import { ResourceCatalog, type ResourceType } from './resource-catalog';
import { startServer, type TokenAuthenticator } from './server';
import { servingCert } from './serving-cert';
import type { Fault, ProxyRoute, RequestRecord, Scenario, SimObject, SimUser } from './types';

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

const ADMIN: SimUser = { name: 'admin', groups: ['system:masters'] };

function userTable(users: readonly SimUser[]): Map<string, SimUser> {
  const table = new Map<string, SimUser>();
  for (const user of [ADMIN, ...users]) table.set(user.name, user);
  return table;
}

/** Starts one simulated cluster on 127.0.0.1 with a random port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const scenario = options.scenario;
  const catalog = new ResourceCatalog(options.resourceTypes, [
    ...(scenario?.crds ?? []),
    ...(options.crds ?? []),
  ]);
  const store = new ObjectStore(catalog);
  for (const object of [...(scenario?.objects ?? []), ...(options.objects ?? [])]) store.put(object);
  const proxies = new ProxyRouter(store, catalog);
  for (const route of [...(scenario?.proxies ?? []), ...(options.proxies ?? [])]) proxies.register(route);
  const users = userTable([...(scenario?.users ?? []), ...(options.users ?? [])]);
  const tokenOf = (u: SimUser) => u.token ?? `${u.name}-token`;
  const state = { rbac: options.rbac ?? true };
  const authenticate: TokenAuthenticator = async (token) => {
    const user = [...users.values()].find((u) => tokenOf(u) === token);
    const identity: Identity | undefined = user
      ? { name: user.name, groups: user.groups ?? [] }
      : await options.authenticate?.(token);
    return identity && { name: identity.name, groups: [...identity.groups, 'system:authenticated'] };
  };
  const faults = new FaultInjector(options.faults);
  const requests: RequestRecord[] = [];
  const cert = await servingCert(options.freshCa);
  const api = { store, catalog, proxies, rbac: () => state.rbac };
  const server = await startServer({ api, faults, authenticate, requests, cert });
  const name = scenario?.name ?? 'simulator';
  const simulator: Simulator = {
    name,
    url: server.url,
    caPem: cert.caPem,
    store,
    faults,
    proxies,
    requests,
    get rbac() {
      return state.rbac;
    },
    set rbac(on: boolean) {
      state.rbac = on;
    },
    token(user) {
      const found = users.get(user);
      if (!found) throw new Error(`simulator ${name}: no user "${user}"`);
      return tokenOf(found);
    },
    addUser(user) {
      users.set(user.name, user);
      return tokenOf(user);
    },
    put: (object) => store.put(object),
    delete: (ref) => store.delete(ref),
    context: (user, contextName = name, namespace) => ({
      name: contextName,
      url: server.url,
      caPem: cert.caPem,
      token: simulator.token(user),
      namespace,
    }),
    writeKubeconfig: (path, forUsers = ['admin']) =>
      writeKubeconfig(
        path,
        forUsers.map((u) => simulator.context(u, forUsers.length === 1 ? name : `${name}-${u}`)),
      ),
    stop: () => server.stop(),
  };
  return simulator;
}

/** Starts one simulator per scenario (one per cluster), with the same extra options. */
export function startSimulators(
  scenarios: readonly Scenario[],
  options: Omit<SimulatorOptions, 'scenario'> = {},
): Promise<Simulator[]> {
  return Promise.all(scenarios.map((scenario) => startSimulator({ ...options, scenario })));
}
