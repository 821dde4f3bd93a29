/**
 * The shipped alert rules and dashboard, judged by Prometheus's own tools: `promtool check rules`,
 * `promtool test rules` (deploy/prometheus/certwatch-rules.test.yaml), the PrometheusRule kept equal
 * to the rules file, and every metric they query is one certwatch exports.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { buildJsonReport, clusterHealth, renderPrometheus } from '#domain/report';
import { runTool } from '#support/external-tool';
import { requireTool } from '#support/tool-on-path';
import { assessed, NOW } from '../../unit/domain/report/build-assessment';

const ROOT = join(__dirname, '..', '..', '..');
const RULES = join(ROOT, 'deploy', 'prometheus', 'certwatch-rules.yaml');
const RULE_TESTS = join(ROOT, 'deploy', 'prometheus', 'certwatch-rules.test.yaml');
const PROMETHEUS_RULE = join(ROOT, 'deploy', 'kubernetes', 'prometheusrule.yaml');
const DASHBOARD = join(ROOT, 'deploy', 'grafana', 'certwatch-dashboard.json');

interface RuleGroup {
  readonly name: string;
  readonly rules: readonly { readonly expr: string; readonly record?: string; readonly alert?: string }[];
}

const promtool = () => requireTool('promtool', 'prometheus');

/** Every metric family certwatch's exposition can contain (certificates, findings, health, build). */
function exportedFamilies(): Set<string> {
  const report = buildJsonReport(NOW, [
    {
      name: 'c',
      status: 'ok',
      assessment: {
        certificates: [assessed({ id: 'a', daysLeft: 3, sources: [{ kind: 'Secret', name: 's' }] })],
        findings: [{ severity: 'warning', rule: 'r', message: 'm' }],
        errors: [],
      },
    },
  ]);
  const health = clusterHealth(
    { cluster: 'c', status: 'ok', failures: [], durationMs: 1, sources: ['istio'].map((name) => ({ name })) },
    NOW,
  );
  const text = renderPrometheus(report, { health: [health], build: { version: '0', nodeVersion: 'v0' } });
  return new Set([...text.matchAll(/^# TYPE (\S+) gauge$/gm)].map((m) => m[1]!));
}

function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b(certwatch_[a-z_]+)\b/g)].map((m) => m[1]!);
}

function dashboardExprs(dashboard: {
  panels: { targets?: { expr: string }[] }[];
  templating: { list: { query?: unknown; definition?: string }[] };
}): string[] {
  const panels = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  const variables = dashboard.templating.list.flatMap((v) =>
    v.definition ? [v.definition.replace(/^label_values\((\w+), \w+\)$/, '$1')] : [],
  );
  return [...panels, ...variables];
}

it('promtool check rules accepts the rules file', async () => {
  const run = await runTool(promtool(), ['check', 'rules', RULES]);
  expect(run.stdout).toContain('SUCCESS');
  expect(run.code).toBe(0);
});

it('promtool test rules passes the unit tests of every alert', async () => {
  const run = await runTool(promtool(), ['test', 'rules', RULE_TESTS], {
    cwd: join(ROOT, 'deploy', 'prometheus'),
  });
  expect(run.stdout + run.stderr).toContain('SUCCESS');
  expect(run.code).toBe(0);
  const groups = (load(await readFile(RULES, 'utf8')) as { groups: RuleGroup[] }).groups;
  const tests = await readFile(RULE_TESTS, 'utf8');
  for (const alert of new Set(groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : []))))) {
    expect(tests).toContain(alert);
  }
});

it('the PrometheusRule carries exactly the rules file groups', async () => {
  const file = load(await readFile(RULES, 'utf8')) as { groups: RuleGroup[] };
  const resource = load(await readFile(PROMETHEUS_RULE, 'utf8')) as {
    apiVersion: string;
    kind: string;
    spec: { groups: RuleGroup[] };
  };
  expect(resource.kind).toBe('PrometheusRule');
  expect(resource.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(resource.spec.groups).toEqual(file.groups);
});

it('rules and dashboard query only metrics certwatch exports', async () => {
  const exported = exportedFamilies();
  const groups = (load(await readFile(RULES, 'utf8')) as { groups: RuleGroup[] }).groups;
  const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8'));
  const used = [...groups.flatMap((g) => g.rules.map((r) => r.expr)), ...dashboardExprs(dashboard)].flatMap(
    metricNames,
  );
  expect(used.length).toBeGreaterThan(10);
  expect([...new Set(used)].filter((name) => !exported.has(name))).toEqual([]);
});

it('every dashboard query is valid PromQL (promtool parses each as a recording rule)', async () => {
  const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8'));
  const exprs = dashboardExprs(dashboard).map((e) => e.replace(/\$(cluster|level)\b/g, '.*'));
  const rules = exprs.map((expr, i) => ({ record: `dashboard:panel_${i}`, expr }));
  const dir = await mkdtemp(join(tmpdir(), 'certwatch-dashboard-'));
  try {
    const file = join(dir, 'dashboard-rules.yaml');
    await writeFile(file, JSON.stringify({ groups: [{ name: 'dashboard', rules }] }));
    const run = await runTool(promtool(), ['check', 'rules', file]);
    expect(run.stdout + run.stderr).toContain(`SUCCESS: ${rules.length} rules found`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
