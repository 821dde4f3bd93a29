/**
 * Simulator scenarios: functions of a fixed `now` returning the objects, proxy handlers and users
 * of one simulated cluster, with the canary private keys planted in their Secrets. Test code only:
 * may import test/support, the simulator and lambda/domain (for the generated RBAC).
 */
import { certManagerStalled } from './cert-manager';
import { certManagerCoverage } from './cert-manager-coverage';
import { consulConnect } from './consul';
import { istioGarbageSecret, istioHealthy, istioStaleCopy } from './istio';
import { linkerdMidRotation } from './linkerd';
import { shopSidecars, spireInSpireSystem, spireWithoutBundle } from './mesh-placement';
import { mergeBundles, type ScenarioBundle } from './objects';
import { withScannerRbac } from './rbac';

export { mergeBundles, type ScenarioBundle } from './objects';
export { SCANNER, scannerRbac, withScannerRbac } from './rbac';
export {
  certManagerCoverage,
  certManagerStalled,
  consulConnect,
  istioGarbageSecret,
  istioHealthy,
  istioStaleCopy,
  linkerdMidRotation,
  shopSidecars,
  spireInSpireSystem,
  spireWithoutBundle,
};

/** cert-manager and Consul in one cluster (the demo's third cluster). */
export async function certManagerAndConsul(now: Date): Promise<ScenarioBundle> {
  return mergeBundles('cert-manager-consul', await certManagerStalled(now), await consulConnect(now));
}

/** Istio and Linkerd, with the scanner's RBAC except in `linkerd`: that namespace is forbidden. */
export async function forbiddenNamespace(now: Date): Promise<ScenarioBundle> {
  const both = mergeBundles('forbidden-namespace', await istioHealthy(now), await linkerdMidRotation(now));
  return withScannerRbac(both, ['linkerd']);
}

/** The three clusters of `npm run demo`. */
export async function demoClusters(now: Date): Promise<ScenarioBundle[]> {
  return [await istioStaleCopy(now), await linkerdMidRotation(now), await certManagerAndConsul(now)];
}

export { istioGarbageSecret as garbageSecret };
