/**
 * The kubeconfig user kinds real clusters hand out, through the real CLI (whose KubeConfig is the
 * build's bundle of client-node's, scripts/build-cli.js): an exec credential plugin — what
 * `aws eks update-kubeconfig` writes (`aws eks get-token`) — and kubectl's `tokenFile` (which
 * client-node alone does not read). The simulator only
 * answers the right bearer token, so a scan that reads the cluster proves the credential was used.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '#simulator';
import { kubeconfigDocument } from '#simulator/kubeconfig';
import { istioPair } from '#simulator/scenarios/multicluster';
import { clusterOf, kubeconfigFor, removeDir, runCli, scanArgs } from './run-cli';

const NOW = new Date('2026-05-01T00:00:00Z');
let sim: Simulator;
let dir: string;

beforeAll(async () => {
  const [east] = await istioPair(NOW, 'shared-root');
  sim = await startSimulator({ scenario: east!.scenario });
  dir = (await kubeconfigFor([sim.context('admin')])).dir;
});

afterAll(async () => {
  await sim?.stop();
  await removeDir(dir);
});

/** A kubeconfig for the simulator whose user is `user` instead of a literal token. */
async function kubeconfigWithUser(name: string, user: object): Promise<string> {
  const doc = kubeconfigDocument([sim.context('admin')]) as { users: { name: string; user: object }[] };
  const path = join(dir, name);
  await writeFile(path, JSON.stringify({ ...doc, users: doc.users.map((u) => ({ ...u, user })) }), {
    mode: 0o600,
  });
  return path;
}

async function scanStatus(
  kubeconfig: string,
): Promise<{ status: string; certificates: number; code: number }> {
  const run = await runCli(scanArgs(kubeconfig, { now: NOW }));
  const cluster = clusterOf(JSON.parse(run.stdout), 'east');
  return { status: cluster.status, certificates: cluster.certificates.length, code: run.code };
}

it('an exec credential plugin (client.authentication.k8s.io/v1beta1) supplies the token', async () => {
  const credential = JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    kind: 'ExecCredential',
    status: { token: sim.token('admin') },
  });
  const kubeconfig = await kubeconfigWithUser('exec', {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: process.execPath,
      args: ['-e', `process.stdout.write(${JSON.stringify(credential)})`],
      interactiveMode: 'Never',
    },
  });
  expect(await scanStatus(kubeconfig)).toEqual({ status: 'ok', certificates: 2, code: 0 });
}, 60_000);

it('a plugin that fails is a blind spot naming the credentials, not a crash', async () => {
  const kubeconfig = await kubeconfigWithUser('exec-fails', {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: process.execPath,
      args: ['-e', 'process.stderr.write("no SSO session"); process.exit(3)'],
      interactiveMode: 'Never',
    },
  });
  const run = await runCli(scanArgs(kubeconfig, { now: NOW }));
  const cluster = clusterOf(JSON.parse(run.stdout), 'east');
  expect(cluster.status).toBe('unreachable');
  expect(cluster.findings.map((f) => f.message).join('\n')).toMatch(/could not get credentials/);
}, 60_000);

it("kubectl's tokenFile is read, relative to the kubeconfig's folder or absolute", async () => {
  await writeFile(join(dir, 'token'), `${sim.token('admin')}\n`, { mode: 0o600 });
  const relative = await kubeconfigWithUser('token-file', { tokenFile: 'token' });
  expect(await scanStatus(relative)).toEqual({ status: 'ok', certificates: 2, code: 0 });
  const absolute = await kubeconfigWithUser('token-file-abs', { tokenFile: join(dir, 'token') });
  expect(await scanStatus(absolute)).toEqual({ status: 'ok', certificates: 2, code: 0 });
}, 60_000);

it('a tokenFile that cannot be read is a blind spot naming the file', async () => {
  const kubeconfig = await kubeconfigWithUser('token-file-missing', {
    tokenFile: join(dir, 'no-such-token'),
  });
  const run = await runCli(scanArgs(kubeconfig, { now: NOW }));
  const cluster = clusterOf(JSON.parse(run.stdout), 'east');
  expect(cluster.status).toBe('unreachable');
  expect(cluster.findings.map((f) => f.message).join('\n')).toContain(
    `could not get credentials: cannot read the kubeconfig's tokenFile ${join(dir, 'no-such-token')}: ENOENT`,
  );
}, 60_000);
