/**
 * The cost model counts calls from the deployment's shape, and its counts agree with the stack:
 * alarms, dashboards, Lambda memory and architecture, batch size, schedules and the metrics the
 * alarms and dashboard read are compared with a synthesized stack (the emitted metrics themselves
 * with EMF output in test/unit/handlers/emf-metrics.test.ts).
 */
import { FLEET_METRICS, METRICS_NAMESPACE } from '#config/env-names';
import {
  ALARMS,
  DETAILED_METRICS_PER_CLUSTER,
  FLEET_METRIC_COUNT,
  monthlyCost,
  STACK_DEFAULTS,
  total,
} from '../../scripts/cost-model';
import { exampleConfig, synthApp } from './stack-fixture';

const line = (clusters: number, item: string) =>
  monthlyCost({ clusters }).find((l) => l.item.startsWith(item));

describe('monthlyCost', () => {
  it('counts one DynamoDB summary write per steady-state scan plus a daily sighting per cluster', () => {
    expect(line(1, 'DynamoDB write')?.count).toBeCloseTo(730 + 30.4);
    expect(line(500, 'DynamoDB write')?.count).toBeCloseTo(365_000 + 500 * 30.4);
  });

  it('counts one scan Lambda per cluster per run plus the dispatcher', () => {
    expect(line(50, 'Lambda requests')?.count).toBeCloseTo(50 * 730 + 730 + 4.35);
  });

  it('keeps Scheduler invocations independent of the number of clusters (fan-out is SQS)', () => {
    expect(line(1, 'EventBridge Scheduler')?.count).toBe(line(500, 'EventBridge Scheduler')?.count);
  });

  it('keeps alarms and metrics at a fixed count unless detailedMetrics asks for per-cluster ones', () => {
    expect(line(1, 'CloudWatch alarms')?.count).toBe(ALARMS);
    expect(line(500, 'CloudWatch alarms')?.count).toBe(ALARMS);
    expect(line(500, 'CloudWatch custom')?.count).toBe(FLEET_METRIC_COUNT);
    const metrics = (n: number) =>
      monthlyCost({ clusters: 500, metricsPerCluster: n }).find((l) =>
        l.item.startsWith('CloudWatch custom'),
      );
    expect(metrics(DETAILED_METRICS_PER_CLUSTER)!.count).toBe(FLEET_METRIC_COUNT + 500 * 7);
    expect(total(monthlyCost({ clusters: 500 }))).toBeGreaterThan(total(monthlyCost({ clusters: 50 })));
  });

  it('prices 500 clusters scanned hourly under $25 a month', () => {
    expect(total(monthlyCost({ clusters: 500 }))).toBeLessThan(25);
  });
});

describe('the model against the synthesized stack', () => {
  const { central } = synthApp(); // the example config: discovery configured (the model's worst case)
  const resources = (type: string) => Object.values(central.findResources(type));
  const functions = resources('AWS::Lambda::Function').filter((f) =>
    String(f.Properties.Handler).startsWith('index.'),
  );
  /** The function whose role's logical id starts with `role`. */
  const byHandler = (role: string) => functions.find((f) => JSON.stringify(f.Properties.Role).includes(role));

  it('has the alarms and dashboards the model prices, whatever the number of clusters', () => {
    expect(resources('AWS::CloudWatch::Alarm')).toHaveLength(ALARMS);
    expect(resources('AWS::CloudWatch::Dashboard')).toHaveLength(STACK_DEFAULTS.dashboards);
    const many = synthApp(
      exampleConfig({
        clusters: Array.from({ length: 40 }, (_, i) => ({
          name: `c${i}`,
          region: 'eu-west-1',
          accessEntry: false,
        })),
      }),
    ).central;
    expect(Object.keys(many.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(ALARMS);
  });

  it('runs the three Lambdas on arm64 with the memory the model prices; SQS hands one cluster per invocation', () => {
    expect(functions).toHaveLength(3);
    for (const fn of functions) expect(fn.Properties.Architectures).toEqual(['arm64']);
    expect(byHandler('ScansScanRole')?.Properties.MemorySize).toBe(STACK_DEFAULTS.scanMemoryGb * 1024);
    expect(byHandler('ScansDispatchRole')?.Properties.MemorySize).toBe(
      STACK_DEFAULTS.dispatchMemoryGb * 1024,
    );
    expect(byHandler('DigestRole')?.Properties.MemorySize).toBe(STACK_DEFAULTS.digestMemoryGb * 1024);
    const [mapping] = resources('AWS::Lambda::EventSourceMapping');
    expect(mapping?.Properties.BatchSize).toBe(1);
    expect(resources('AWS::Scheduler::Schedule')).toHaveLength(2);
    expect(resources('AWS::KMS::Key')).toHaveLength(1);
  });

  it('alarms and the dashboard read only metrics the Lambdas publish (FLEET_METRICS)', () => {
    const published = new Set(FLEET_METRICS.map((m) => m.name));
    const alarmed = resources('AWS::CloudWatch::Alarm')
      .filter((a) => a.Properties.Namespace === METRICS_NAMESPACE)
      .map((a) => a.Properties.MetricName as string);
    expect(alarmed.length).toBeGreaterThan(0);
    for (const name of alarmed) expect(published).toContain(name);
    const body = JSON.stringify(resources('AWS::CloudWatch::Dashboard')[0]?.Properties.DashboardBody);
    const read = [...body.matchAll(/\\"Certwatch\\",\\"(\w+)\\"/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    for (const name of read) expect(published).toContain(name);
  });
});
