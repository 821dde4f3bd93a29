/** Public surface of the simulator besides `startSimulator` (types, helpers for scenario authors). */
export type { Identity } from './api-handler';
export { FaultInjector } from './faults';
export { type KubeconfigContext, kubeconfigDocument, writeKubeconfig } from './kubeconfig';
export { type ObjectRef, ObjectStore } from './object-store';
export { ProxyRouter } from './proxy';
export { BUILTIN_TYPES, ResourceCatalog, type ResourceType } from './resource-catalog';
export type { SimulatorServer, TokenAuthenticator } from './server';
export type {
  Fault,
  ProxyHandler,
  ProxyRequest,
  ProxyResponse,
  ProxyRoute,
  RequestRecord,
  Scenario,
  ScenarioFactory,
  SimObject,
  SimUser,
  StreamShape,
} from './types';
