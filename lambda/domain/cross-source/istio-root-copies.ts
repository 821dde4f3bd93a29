/**
 * `istio_root_copy_stale`: every namespace's istio-ca-root-cert must equal the mesh root bundle
 * (from istiod's CA Secret). A copy missing a current root breaks mTLS for that namespace.
 */
import type { Finding } from '../model';
import { ISTIO } from '../rbac/source-reads';
import {
  type CrossSourceRule,
  fingerprints,
  listNames,
  type Placement,
  placements,
  sameSet,
} from './context';

const CA_KEYS: Readonly<Record<string, readonly string[]>> = {
  [ISTIO.pluginSecret]: ['root-cert.pem', 'ca.crt'],
  [ISTIO.selfSignedSecret]: ['root-cert.pem', 'ca-cert.pem'],
};

/** The mesh root set: the CA Secret's roots, else the most common namespace copy. */
function meshRoots(secretRoots: Placement[], copies: Placement[]): Set<string> {
  if (secretRoots.length > 0) return fingerprints(secretRoots);
  const counts = new Map<string, { n: number; set: Set<string> }>();
  for (const copy of copies) {
    const set = fingerprints([copy]);
    const id = [...set].sort().join(',');
    counts.set(id, { n: (counts.get(id)?.n ?? 0) + 1, set });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.set ?? new Set();
}

/** The rule. */
export const istioRootCopies: CrossSourceRule = {
  id: 'istio_root_copy_stale',
  evaluate({ assessment }) {
    const copies = placements(assessment, (s) => s.kind === 'ConfigMap' && s.name === ISTIO.rootConfigMap);
    const secretRoots = placements(
      assessment,
      (s) =>
        s.kind === 'Secret' &&
        s.namespace === ISTIO.namespace &&
        (CA_KEYS[s.name] ?? []).includes(s.key ?? ''),
    );
    const roots = meshRoots(secretRoots, copies);
    if (roots.size === 0) return [];
    const stale = copies.filter((c) => !sameSet(fingerprints([c]), roots));
    if (stale.length === 0) return [];
    const missing = stale.filter((c) => [...roots].some((fp) => !fingerprints([c]).has(fp)));
    const names = stale.map((c) => c.location.namespace ?? '');
    const finding: Finding = {
      severity: missing.length > 0 ? 'critical' : 'warning',
      rule: 'istio_root_copy_stale',
      source: stale[0]!.location,
      message:
        `${ISTIO.rootConfigMap} differs from the mesh root bundle in ${stale.length} namespace` +
        `${stale.length === 1 ? '' : 's'}: ${listNames(names)}` +
        (missing.length > 0
          ? ` (${missing.length === 1 ? '1 lacks' : `${missing.length} lack`} the current root: workloads there cannot verify peers)`
          : ''),
      remediation:
        `istiod owns these copies: check its logs for namespace-controller errors, delete the stale ${ISTIO.rootConfigMap} ` +
        `ConfigMap in ${listNames(names, 3)} so istiod rewrites it, then restart the workloads there.`,
    };
    return [finding];
  },
};
