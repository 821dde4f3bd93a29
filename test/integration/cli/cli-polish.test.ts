/**
 * The CLI's edges through the real binary: --version, did-you-mean, no kubeconfig at all (exit 2,
 * where it looked), a server that is not Kubernetes named as such, and `scan --output` writing the
 * same text as stdout atomically.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '#domain/report';
import { type Simulator, startSimulator } from '#simulator';
import { istioHealthy } from '#simulator/scenarios';
import { servingCert } from '#simulator/serving-cert';
import packageJson from '../../../package.json';
import { kubeconfigFor, removeDir, runCli, scanArgs } from '../scan/run-cli';

const NOW = '2026-05-01T00:00:00Z';
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'certwatch-polish-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

it.each(['--version', '-V'])('%s prints the package version', async (flag) => {
  const run = await runCli([flag]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(`certwatch ${packageJson.version}\n`);
});

it('suggests the command meant', async () => {
  const run = await runCli(['sacn']);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe("certwatch: unknown command 'sacn' (did you mean 'scan'?)\n");
});

it('on a Node.js older than the engines field says so and exits 2 before loading anything', async () => {
  // The entry script as a Node 20 would run it: process.versions is what it checks.
  const node20 = [
    "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.20.2' } });",
    "process.argv = [process.argv[0], 'certwatch', 'scan'];",
    `require(${JSON.stringify(join(__dirname, '../../../bin/certwatch.js'))});`,
  ].join('\n');
  const run = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
    execFile(process.execPath, ['-e', node20], (error, _stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stderr }),
    ),
  );
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('certwatch: needs Node.js 22.19 or later, this is v20.20.2.');
  expect(packageJson.engines.node).toBe('>=22.19.0');
});

it('without any kubeconfig says where it looked and exits 2', async () => {
  const home = await tempDir();
  const run = await runCli(['scan'], 30_000, { HOME: home, KUBECONFIG: '' });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`no kubeconfig found (looked at ${join(home, '.kube', 'config')}`);
  expect(run.stderr).not.toMatch(/localhost:8080|credentials/);
  const listed = await runCli(['scan'], 30_000, { HOME: home, KUBECONFIG: `${home}/a:${home}/b` });
  expect(listed.code).toBe(2);
  expect(listed.stderr).toContain(`no kubeconfig found (looked at ${home}/a, ${home}/b from KUBECONFIG)`);
});

describe('a server that is not Kubernetes', () => {
  let server: Server;
  let body: { status: number; type: string; text: string } = { status: 404, type: 'text/html', text: '' };
  beforeAll(async () => {
    const cert = await servingCert();
    server = createServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) => {
      res.writeHead(body.status, { 'Content-Type': body.type });
      res.end(body.text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function scanIt(): Promise<{ code: number; report: JsonReport }> {
    const cert = await servingCert();
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const kube = await kubeconfigFor([{ name: 'web', url, caPem: cert.caPem, token: 't' }]);
    dirs.push(kube.dir);
    const run = await runCli(scanArgs(kube.path, { now: NOW }, '--request-timeout', '2'));
    return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
  }

  it.each([
    [404, 'text/html', '<h1>Not Found</h1>', '404 Not Found'],
    [200, 'text/html', '<html>welcome</html>', 'a body that is not JSON'],
  ])(
    'answering %i %s is named as such, not as a missing mesh object',
    async (status, type, text, said) => {
      body = { status, type, text };
      const { code, report } = await scanIt();
      expect(code).toBe(1);
      const [cluster] = report.clusters;
      expect(cluster?.status).toBe('unreachable');
      const messages = cluster!.findings.map((f) => `${f.message} ${f.remediation ?? ''}`).join('\n');
      expect(messages).toContain(`is not a Kubernetes API server (GET /api answered ${said})`);
      expect(messages).not.toContain('mesh is installed');
    },
    60_000,
  );
});

describe('scan --output', () => {
  let sim: Simulator;
  let kube: { dir: string; path: string };
  beforeAll(async () => {
    sim = await startSimulator({ scenario: (await istioHealthy(new Date(NOW))).scenario });
    kube = await kubeconfigFor([sim.context('admin')]);
    dirs.push(kube.dir);
  });
  afterAll(() => sim.stop());

  it('writes what stdout would show into the file, atomically, and prints nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'certwatch.prom');
    const args = scanArgs(kube.path, { now: NOW, format: 'prometheus' });
    const [toStdout, toFile] = [await runCli(args), await runCli([...args, '--output', file])];
    expect(toFile.code).toBe(toStdout.code);
    expect(toFile.stdout).toBe('');
    const strip = (text: string) => text.replace(/^certwatch_scan_duration_seconds.*$/m, '');
    expect(strip(await readFile(file, 'utf8'))).toBe(strip(toStdout.stdout));
    expect(await readdir(dir)).toEqual(['certwatch.prom']);
  }, 60_000);

  it('names a file it cannot write and exits 2', async () => {
    const run = await runCli([
      ...scanArgs(kube.path, { now: NOW, format: 'prometheus' }),
      '--output',
      join(tmpdir(), 'certwatch-no-such-dir', 'x.prom'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write --output .*certwatch-no-such-dir\/x\.prom: ENOENT/);
  }, 60_000);
});
