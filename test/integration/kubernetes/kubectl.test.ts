/** kubectl as a real client of the simulator: discovery, field selectors, Forbidden, chunked lists. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '#simulator';
import { requireTool } from '#support/tool-on-path';
import { exampleScenario } from './example-scenario';

// Found on PATH like .ci/run does; without kubectl this file fails rather than skips.
const KUBECTL = requireTool('kubectl', 'kubernetes-client');

let sim: Simulator;
const dir = mkdtempSync(join(tmpdir(), 'certwatch-kubectl-'));
const kubeconfig = join(dir, 'kubeconfig');

function kubectl(
  context: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const all = ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), '--context', context, ...args];
  return new Promise((resolve) => {
    execFile(KUBECTL, all, { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('kubectl against the simulator', () => {
  beforeAll(async () => {
    sim = await startSimulator({ scenario: exampleScenario('alpha') });
    await sim.writeKubeconfig(kubeconfig, ['admin', 'reader', 'nobody']);
  });
  afterAll(async () => {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists ConfigMaps across namespaces with a field selector (-o json)', async () => {
    const out = await kubectl(
      'alpha-reader',
      'get',
      'configmaps',
      '-A',
      '--field-selector',
      'metadata.name=istio-ca-root-cert',
      '-o',
      'json',
    );
    expect(out.code).toBe(0);
    const list = JSON.parse(out.stdout) as { items: { metadata: { namespace: string } }[] };
    expect(list.items.map((i) => i.metadata.namespace)).toEqual(['apps', 'istio-system']);
    expect(sim.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/api', '/api/v1/configmaps']));
  });

  it('gets a Secret by name', async () => {
    const out = await kubectl('alpha-reader', 'get', 'secret', '-n', 'istio-system', 'cacerts');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^NAME\s+/);
    expect(out.stdout).toMatch(/\ncacerts\s/);
  });

  it('prints Forbidden for a get RBAC refuses', async () => {
    const out = await kubectl('alpha-nobody', 'get', 'secret', '-n', 'istio-system', 'cacerts');
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain(
      'Error from server (Forbidden): secrets "cacerts" is forbidden: User "nobody"',
    );
  });

  it('follows continue with --chunk-size=2', async () => {
    sim.requests.length = 0;
    const out = await kubectl('alpha-admin', 'get', 'configmaps', '-A', '--chunk-size=2', '-o', 'name');
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n')).toEqual([
      'configmap/istio-ca-root-cert',
      'configmap/settings',
      'configmap/istio-ca-root-cert',
    ]);
    const lists = sim.requests.filter((r) => r.path === '/api/v1/configmaps');
    expect(lists.map((r) => [r.query.limit, Boolean(r.query.continue)])).toEqual([
      ['2', false],
      ['2', true],
    ]);
  });
});
