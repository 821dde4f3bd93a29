/**
 * kubectl's `tokenFile` user field, which client-node does not read (it knows only `token-file`):
 * without this, a kubeconfig that names its token by file is sent with no token at all and every
 * read is a 401. The path is resolved against the kubeconfig's folder, as kubectl does, and read
 * on every request, so a rotated token (a projected service-account token) is picked up.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { load } from 'js-yaml';

interface KubeconfigUsers {
  readonly users?: readonly { readonly name?: unknown; readonly user?: { readonly tokenFile?: unknown } }[];
}

/**
 * The resolved `tokenFile` of user `userName` in the first of `files` that defines the user (the
 * first definition wins when kubeconfigs are merged); undefined when it has none.
 */
export function kubeconfigTokenFile(files: readonly string[], userName: string): string | undefined {
  for (const file of files) {
    let doc: KubeconfigUsers | undefined;
    try {
      doc = load(readFileSync(file, 'utf8')) as KubeconfigUsers | undefined;
    } catch {
      continue; // unreadable here: client-node's loading already said what it could
    }
    const entry = Array.isArray(doc?.users) ? doc.users.find((u) => u?.name === userName) : undefined;
    if (!entry) continue;
    const path = entry.user?.tokenFile;
    return typeof path === 'string' && path.trim() !== '' ? resolve(dirname(file), path.trim()) : undefined;
  }
  return undefined;
}

/** The bearer token in `path`; throws naming the file when it cannot be read or is empty. */
export async function readTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the kubeconfig's tokenFile ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const token = text.trim();
  if (token === '') throw new Error(`the kubeconfig's tokenFile ${path} is empty`);
  return token;
}
