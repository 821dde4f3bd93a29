/** Reads the group/versions a server serves from its `/api` and `/apis` discovery documents. */

/** `v1`, `cert-manager.io/v1`, …; undefined when either document is malformed. */
export function groupVersionsOf(core: unknown, groups: unknown): Set<string> | undefined {
  const versions = (core as { versions?: unknown } | null)?.versions;
  const list = (groups as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(versions) || !Array.isArray(list)) return undefined;
  const out = new Set<string>(versions.filter((v): v is string => typeof v === 'string'));
  for (const group of list as { versions?: { groupVersion?: unknown }[] }[]) {
    for (const v of group?.versions ?? []) if (typeof v?.groupVersion === 'string') out.add(v.groupVersion);
  }
  return out;
}
