/**
 * deploy/kubernetes rendered by the real `kubectl kustomize`: every object the in-cluster mode
 * needs is there, its RBAC is exactly what `certwatch rbac --service-account certwatch/certwatch`
 * prints (and rbac.yaml is that output, byte for byte), the Deployment runs `serve` with flags the
 * command accepts, non-root on a read-only root filesystem, with resources and probes on the port
 * serve listens on, and the Service and ServiceMonitor point at that port. The Dockerfile is
 * checked statically (no image build runs here).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAll } from 'js-yaml';
import { serveCommand } from '#cli/commands/serve';
import { runTool } from '#support/external-tool';
import { requireTool } from '#support/tool-on-path';
import { runCli } from '../scan/run-cli';

const ROOT = join(__dirname, '..', '..', '..');
const DIR = join(ROOT, 'deploy', 'kubernetes');

// biome-ignore lint/suspicious/noExplicitAny: rendered manifests are walked as plain data
type Obj = Record<string, any>;
let rendered: Obj[] = [];
let rbacYaml = '';

beforeAll(async () => {
  const run = await runTool(requireTool('kubectl', 'kubernetes-client'), ['kustomize', DIR]);
  if (run.code !== 0) throw new Error(`kubectl kustomize failed: ${run.stderr}`);
  rendered = loadAll(run.stdout) as Obj[];
  const rbac = await runCli(['rbac', '--service-account', 'certwatch/certwatch']);
  if (rbac.code !== 0) throw new Error(`certwatch rbac failed: ${rbac.stderr}`);
  rbacYaml = rbac.stdout;
}, 60_000);

const one = (kind: string, name = 'certwatch'): Obj => {
  const found = rendered.filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const key = (o: Obj) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
const RBAC_KINDS = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'];

it('renders every object of the in-cluster mode', () => {
  const kinds = new Set(rendered.map((o) => o.kind));
  for (const kind of [
    'Namespace',
    'ServiceAccount',
    'Deployment',
    'Service',
    'ServiceMonitor',
    'PrometheusRule',
  ])
    expect(kinds).toContain(kind);
  for (const kind of RBAC_KINDS) expect(kinds).toContain(kind);
});

it('holds exactly the RBAC certwatch rbac prints for the service account, and rbac.yaml is that output', () => {
  const fromCommand = (loadAll(rbacYaml) as Obj[]).filter(Boolean);
  const fromKustomize = rendered.filter((o) => RBAC_KINDS.includes(o.kind));
  expect(fromKustomize.map(key).sort()).toEqual(fromCommand.map(key).sort());
  const byKey = new Map(fromCommand.map((o) => [key(o), o]));
  for (const o of fromKustomize) expect(o).toEqual(byKey.get(key(o)));
  // Roles stay in the namespaces they grant (no kustomize namespace override).
  expect(new Set(fromKustomize.map((o) => o.metadata.namespace)).size).toBeGreaterThan(2);
  for (const binding of fromKustomize.filter((o) => o.kind.endsWith('Binding'))) {
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'certwatch', namespace: 'certwatch' }]);
  }
  expect(readFileSync(join(DIR, 'rbac.yaml'), 'utf8')).toBe(rbacYaml);
});

it('runs serve with accepted flags as the bound service account, non-root, read-only, with resources', () => {
  const deployment = one('Deployment');
  const pod = deployment.spec.template.spec;
  const sa = one('ServiceAccount');
  expect(pod.serviceAccountName).toBe(sa.metadata.name);
  expect(deployment.metadata.namespace).toBe(sa.metadata.namespace);
  expect(pod.securityContext.runAsNonRoot).toBe(true);
  expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
  expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  const [container] = pod.containers;
  expect(pod.containers).toHaveLength(1);
  expect(container.securityContext).toMatchObject({
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  });
  expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
  expect(container.resources.limits.memory).toEqual(expect.any(String));
  expect(container.image).toBe('registry.example.com/certwatch:0.1.0');
  const [command, ...flags] = container.args as string[];
  expect(command).toBe('serve');
  const { values } = parseArgs({ args: flags, options: serveCommand.flags, strict: true });
  // What serve writes is on a volume: the root filesystem is read-only.
  const mounts = (container.volumeMounts as Obj[]).map((m) => m.mountPath);
  expect(mounts).toContain(values['state-dir']);
  expect(mounts).toContain('/tmp');
  const port = Number(String(values.listen).split(':').pop());
  const named = (container.ports as Obj[]).find((p) => p.containerPort === port);
  expect(named?.name).toBe('metrics');
  expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
  expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
});

it('points the Service and the ServiceMonitor at the metrics port of the pods', () => {
  const deployment = one('Deployment');
  const service = one('Service');
  const monitor = one('ServiceMonitor');
  const podLabels = deployment.spec.template.metadata.labels;
  expect(podLabels).toMatchObject(service.spec.selector);
  expect(service.spec.ports).toEqual([expect.objectContaining({ name: 'metrics', targetPort: 'metrics' })]);
  expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
  expect(monitor.spec.namespaceSelector.matchNames).toEqual([service.metadata.namespace]);
  expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
  expect(one('Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
});

it('has a multi-stage node 22 slim Dockerfile running bin/certwatch.js as a non-root user', () => {
  const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const from = lines.filter((l) => l.startsWith('FROM '));
  expect(from.length).toBeGreaterThanOrEqual(2);
  for (const l of from) expect(l).toMatch(/^FROM node:22-slim\b/);
  const users = lines.filter((l) => l.startsWith('USER '));
  expect(users.at(-1)).toMatch(/^USER [1-9]\d*(:[1-9]\d*)?$/);
  expect(lines.find((l) => l.startsWith('ENTRYPOINT'))).toContain('bin/certwatch.js');
  // Every file copied from the build context exists.
  for (const l of lines.filter((x) => x.startsWith('COPY ') && !x.includes('--from'))) {
    const sources = l.split(/\s+/).slice(1, -1);
    for (const source of sources) expect(existsSync(join(ROOT, source))).toBe(true);
  }
  const deployment = one('Deployment');
  const uid = Number(users.at(-1)!.split(/[ :]/)[1]);
  expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(uid);
});
