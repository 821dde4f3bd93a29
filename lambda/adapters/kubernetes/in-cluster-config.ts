/**
 * The in-cluster configuration a pod gets from Kubernetes: the API server from
 * KUBERNETES_SERVICE_HOST/PORT, the CA and the service-account token from the files mounted under
 * /var/run/secrets/kubernetes.io/serviceaccount (the caller says where). The token is re-read
 * from its file as it ages: projected tokens are rotated by the kubelet about every hour.
 */
import { readFile } from 'node:fs/promises';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';

/** The in-cluster configuration is missing or unusable; the message names the variable or file. */
export class InClusterConfigError extends Error {
  override readonly name = 'InClusterConfigError';
}

/** What a client needs to reach the API server from inside the cluster. */
export interface InClusterConfig {
  /** `https://host:port` (IPv6 hosts in brackets). */
  readonly server: string;
  readonly caPem: string;
  /** The pod's namespace, when the file is mounted. */
  readonly namespace?: string;
  /** The current bearer token (re-read from its file at most every `tokenMaxAgeMs`). */
  token(): Promise<string>;
}

/** How to read the in-cluster configuration. */
export interface InClusterOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the token, ca.crt and namespace files are. */
  readonly serviceAccountDir: string;
  /** How long a token read from the file is reused. @default 60000 */
  readonly tokenMaxAgeMs?: number;
}

async function readRequired(dir: string, name: string, what: string): Promise<string> {
  const path = join(dir, name);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InClusterConfigError(`cannot read the service-account ${what} ${path} (${code})`, {
      cause: error,
    });
  }
  if (text.trim() === '') throw new InClusterConfigError(`the service-account ${what} ${path} is empty`);
  return text;
}

/** Reads the in-cluster configuration; InClusterConfigError when it is missing or unusable. */
export async function readInClusterConfig(options: InClusterOptions): Promise<InClusterConfig> {
  const host = options.env['KUBERNETES_SERVICE_HOST']?.trim();
  const port = options.env['KUBERNETES_SERVICE_PORT']?.trim();
  if (!host || !port) {
    throw new InClusterConfigError(
      'not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set',
    );
  }
  const portNumber = Number(port);
  if (!/^\d+$/.test(port) || portNumber < 1 || portNumber > 65535) {
    throw new InClusterConfigError(`invalid KUBERNETES_SERVICE_PORT '${port}': expected a port number`);
  }
  const dir = options.serviceAccountDir;
  const caPem = await readRequired(dir, 'ca.crt', 'CA file');
  if (!caPem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InClusterConfigError(
      `the service-account CA file ${join(dir, 'ca.crt')} holds no PEM certificate`,
    );
  }
  const namespace = await readFile(join(dir, 'namespace'), 'utf8').then(
    (text) => text.trim() || undefined,
    () => undefined,
  );
  const maxAgeMs = options.tokenMaxAgeMs ?? 60_000;
  let cached: { value: string; readAt: number } | undefined;
  const token = async (): Promise<string> => {
    const now = performance.now();
    if (cached && now - cached.readAt < maxAgeMs) return cached.value;
    const value = (await readRequired(dir, 'token', 'token file')).trim();
    cached = { value, readAt: now };
    return value;
  };
  await token(); // a missing token fails at start, not at the first request
  const hostPart = isIPv6(host) ? `[${host}]` : host;
  return { server: `https://${hostPart}:${portNumber}`, caPem, ...(namespace ? { namespace } : {}), token };
}
