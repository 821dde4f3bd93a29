/** Writes kubeconfig files pointing kubectl or certwatch at one or several simulators. */
import { writeFile } from 'node:fs/promises';

/** One context: a simulator's URL and CA, and a user's bearer token. */
export interface KubeconfigContext {
  readonly name: string;
  readonly url: string;
  readonly caPem: string;
  readonly token: string;
  readonly namespace?: string;
}

/** The kubeconfig document (JSON is valid YAML, so kubectl and client-node read it as is). */
export function kubeconfigDocument(contexts: readonly KubeconfigContext[], current?: string): object {
  if (contexts.length === 0) throw new Error('simulator: a kubeconfig needs at least one context');
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': current ?? contexts[0]?.name,
    clusters: contexts.map((c) => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': Buffer.from(c.caPem).toString('base64') },
    })),
    users: contexts.map((c) => ({ name: c.name, user: { token: c.token } })),
    contexts: contexts.map((c) => ({
      name: c.name,
      context: { cluster: c.name, user: c.name, ...(c.namespace ? { namespace: c.namespace } : {}) },
    })),
  };
}

/** Writes a kubeconfig with one context per entry (mode 0600, as it holds tokens). */
export async function writeKubeconfig(
  path: string,
  contexts: readonly KubeconfigContext[],
  current?: string,
): Promise<void> {
  await writeFile(path, `${JSON.stringify(kubeconfigDocument(contexts, current), null, 2)}\n`, {
    mode: 0o600,
  });
}
