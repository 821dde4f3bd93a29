/**
 * Small builders for scenario objects (Secrets, ConfigMaps, pods, webhooks) and the date helper
 * every scenario uses: all certificates are minted relative to the scenario's fixed `now`.
 * Test code only.
 */
import type { MintedCert } from '#support/mint';
import type { ProxyRoute, Scenario, SimObject } from '../types';

/** `now` shifted by `days` (fractions allowed). */
export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

/** `notBefore`/`notAfter` of a certificate valid from `fromDays` to `toDays` after `now`. */
export function validity(now: Date, fromDays: number, toDays: number): { notBefore: Date; notAfter: Date } {
  return { notBefore: daysFrom(now, fromDays), notAfter: daysFrom(now, toDays) };
}

/** Base64 of a string, as Secret `data` and webhook `caBundle` hold it. */
export function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/** Concatenated PEM of several certificates. */
export function pems(...certs: MintedCert[]): string {
  return certs.map((c) => c.pem).join('');
}

/** A Secret with base64-encoded `data`. */
export function secret(
  namespace: string,
  name: string,
  data: Record<string, string>,
  type = 'Opaque',
): SimObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]));
  return { apiVersion: 'v1', kind: 'Secret', type, metadata: { name, namespace }, data: encoded };
}

/** A ConfigMap. */
export function configMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
  labels?: Record<string, string>,
): SimObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    data,
  };
}

/** A Namespace. */
export function namespace(name: string): SimObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A running pod with labels and (optionally) env on its proxy container. */
export function pod(
  ns: string,
  name: string,
  labels: Record<string, string>,
  env: { name: string; value: string }[] = [],
): SimObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: {
      containers: [
        { name: 'app', image: 'app:1' },
        { name: 'proxy', image: 'proxy:1', env },
      ],
    },
    status: { phase: 'Running' },
  };
}

/** A Deployment or StatefulSet (only its name and place matter: certwatch detects control planes by them). */
export function workload(kind: 'Deployment' | 'StatefulSet', ns: string, name: string): SimObject {
  return { apiVersion: 'apps/v1', kind, metadata: { name, namespace: ns }, spec: { replicas: 1 } };
}

/** A Service. */
export function service(ns: string, name: string, port: number): SimObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: { ports: [{ port }] },
  };
}

/** A webhook configuration whose webhooks all carry `caBundlePem`. */
export function webhookConfig(
  kind: 'MutatingWebhookConfiguration' | 'ValidatingWebhookConfiguration',
  name: string,
  hookNames: string[],
  caBundlePem: string,
  labels: Record<string, string> = {},
): SimObject {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: { name, labels },
    webhooks: hookNames.map((hook) => ({ name: hook, clientConfig: { caBundle: b64(caBundlePem) } })),
  };
}

/** A proxy route answering one path with a text body (404 for any other path). */
export function metricsRoute(
  kind: 'pod' | 'service',
  ns: string,
  name: string,
  port: number,
  path: string,
  body: () => string,
): ProxyRoute {
  return {
    kind,
    namespace: ns,
    name,
    port,
    handler: (request) =>
      request.path === path ? body() : { status: 404, body: `no route ${request.path}` },
  };
}

/** A scenario with what tests need to check it: the canary private keys planted in its Secrets. */
export interface ScenarioBundle {
  readonly scenario: Scenario;
  /** PEM private keys planted in Secrets: must never appear in any output. */
  readonly canaries: readonly string[];
  /** Named certificates of the scenario, for expected fingerprints. */
  readonly certs: Readonly<Record<string, MintedCert>>;
}

/** Merges scenarios into one cluster (e.g. cert-manager + Consul). */
export function mergeBundles(name: string, ...bundles: ScenarioBundle[]): ScenarioBundle {
  return {
    scenario: {
      name,
      objects: bundles.flatMap((b) => b.scenario.objects),
      proxies: bundles.flatMap((b) => b.scenario.proxies ?? []),
      users: bundles.flatMap((b) => b.scenario.users ?? []),
      crds: [...new Set(bundles.flatMap((b) => b.scenario.crds ?? []))],
    },
    canaries: bundles.flatMap((b) => b.canaries),
    certs: Object.assign({}, ...bundles.map((b) => b.certs)),
  };
}
