/** The in-cluster configuration read from the variables and files a pod gets; each problem named. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInClusterConfig } from '#adapters/kubernetes/in-cluster-config';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const env = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certwatch-sa-unit-'));
  await writeFile(join(dir, 'ca.crt'), CA);
  await writeFile(join(dir, 'token'), 'token-1\n');
  await writeFile(join(dir, 'namespace'), 'certwatch');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('builds the server URL, reads CA, namespace and token', async () => {
  const config = await readInClusterConfig({ env, serviceAccountDir: dir });
  expect(config.server).toBe('https://10.96.0.1:443');
  expect(config.caPem).toBe(CA);
  expect(config.namespace).toBe('certwatch');
  expect(await config.token()).toBe('token-1');
});

it('puts an IPv6 host in brackets', async () => {
  const config = await readInClusterConfig({
    env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
    serviceAccountDir: dir,
  });
  expect(config.server).toBe('https://[fd00::1]:443');
});

it('re-reads a rotated token once the cached one is old', async () => {
  const config = await readInClusterConfig({ env, serviceAccountDir: dir, tokenMaxAgeMs: 0 });
  await writeFile(join(dir, 'token'), 'token-2');
  expect(await config.token()).toBe('token-2');
  const cached = await readInClusterConfig({ env, serviceAccountDir: dir, tokenMaxAgeMs: 60_000 });
  await writeFile(join(dir, 'token'), 'token-3');
  expect(await cached.token()).toBe('token-2');
});

it.each([
  [{}, 'KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set'],
  [
    { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: 'https' },
    "invalid KUBERNETES_SERVICE_PORT 'https'",
  ],
  [
    { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '70000' },
    "invalid KUBERNETES_SERVICE_PORT '70000'",
  ],
])('rejects the variables %j', async (vars, message) => {
  await expect(readInClusterConfig({ env: vars, serviceAccountDir: dir })).rejects.toThrow(message);
});

it('names a missing, empty or non-PEM file', async () => {
  await writeFile(join(dir, 'token'), '  \n');
  await expect(readInClusterConfig({ env, serviceAccountDir: dir })).rejects.toThrow(
    `the service-account token file ${join(dir, 'token')} is empty`,
  );
  await writeFile(join(dir, 'ca.crt'), 'not a certificate');
  await expect(readInClusterConfig({ env, serviceAccountDir: dir })).rejects.toThrow(
    'holds no PEM certificate',
  );
  await rm(join(dir, 'ca.crt'));
  await expect(readInClusterConfig({ env, serviceAccountDir: dir })).rejects.toThrow(
    `cannot read the service-account CA file ${join(dir, 'ca.crt')} (ENOENT)`,
  );
});
