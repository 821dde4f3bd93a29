/**
 * RBAC scenarios: the scanner's user (group `certwatch`) bound by exactly the objects
 * `certwatch rbac` generates, optionally minus one namespace's Role (a forbidden namespace).
 */
import { leastPrivilege, type RbacObject } from '#domain/rbac/least-privilege';
import type { SimObject, SimUser } from '../types';
import { mergeBundles, type ScenarioBundle } from './objects';

/** The scanner's identity in the simulator. */
export const SCANNER: SimUser = { name: 'certwatch', groups: ['certwatch'] };

/** The generated RBAC objects, without the namespaced ones of `forbidden` namespaces. */
export function scannerRbac(forbidden: readonly string[] = []): SimObject[] {
  const { objects } = leastPrivilege('certwatch');
  return objects
    .filter((o: RbacObject) => !o.metadata.namespace || !forbidden.includes(o.metadata.namespace))
    .map((o) => JSON.parse(JSON.stringify(o)) as SimObject);
}

/** `bundle` with the scanner user and its RBAC; `forbidden` namespaces get no Role. */
export function withScannerRbac(bundle: ScenarioBundle, forbidden: readonly string[] = []): ScenarioBundle {
  const rbac: ScenarioBundle = {
    scenario: { name: bundle.scenario.name, objects: scannerRbac(forbidden), users: [SCANNER] },
    canaries: [],
    certs: {},
  };
  return mergeBundles(bundle.scenario.name, bundle, rbac);
}
