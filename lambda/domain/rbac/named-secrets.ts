/** The Secrets the sources read by name, which the cert-manager source may read too. Pure. */
import { SOURCE_DEFINITIONS } from './source-reads';

/** The Secrets read by name (`namespace/name`), which the cert-manager source may also read. */
export function namedSecrets(): Set<string> {
  const names = new Set<string>();
  for (const def of SOURCE_DEFINITIONS) {
    for (const read of def.reads) {
      if (!read.resources.includes('secrets') || !read.namespace) continue;
      for (const name of read.resourceNames ?? []) names.add(`${read.namespace}/${name}`);
    }
  }
  return names;
}
