/**
 * Runs the real `certwatch serve` (node bin/certwatch.js) as a pod would: in-cluster variables, a
 * service-account directory with token, ca.crt and namespace files. Test support.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '#simulator';

const ROOT = join(__dirname, '..', '..', '..');

/** A service-account directory for `user` of `sim`, as Kubernetes mounts it in a pod. */
export async function serviceAccountDir(sim: Simulator, token: string, namespace: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'certwatch-sa-'));
  await writeFile(join(dir, 'token'), token, { mode: 0o600 });
  await writeFile(join(dir, 'ca.crt'), sim.caPem);
  await writeFile(join(dir, 'namespace'), namespace);
  return dir;
}

/** The in-cluster variables pointing at `sim` (the pod's `kubernetes` Service). */
export function inClusterEnv(sim: Simulator): Record<string, string> {
  const url = new URL(sim.url);
  return { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port };
}

/** A running `certwatch serve`. */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT`, from its "listening on" line. */
  readonly url: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal name) once it has exited. */
  readonly exited: Promise<number | string>;
}

/** Starts `certwatch serve ...args` with `env` added; resolves once it listens. */
export function startServe(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'certwatch.js'), 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`certwatch serve did not listen within 30 s:\n${stderr}`));
    }, 30_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, stderr: () => stderr, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`certwatch serve exited ${code} before listening:\n${stderr}`));
    });
  });
}

/** Polls `check` every 200 ms until it returns a value, at most `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
