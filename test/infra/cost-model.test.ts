/** The cost model counts calls from the deployment's shape (scans, one summary write per scan). */
import { monthlyCost, total } from '../../scripts/cost-model';

const line = (clusters: number, item: string) =>
  monthlyCost({ clusters }).find((l) => l.item.startsWith(item));

describe('monthlyCost', () => {
  it('counts one DynamoDB summary write per steady-state scan (hourly: 730 per cluster)', () => {
    expect(line(1, 'DynamoDB write')?.count).toBe(730);
    expect(line(500, 'DynamoDB write')?.count).toBe(365_000);
  });

  it('counts one scan Lambda per cluster per run plus the dispatcher', () => {
    expect(line(50, 'Lambda requests')?.count).toBeCloseTo(50 * 730 + 730 + 4.35);
  });

  it('keeps Scheduler invocations independent of the number of clusters (fan-out is SQS)', () => {
    expect(line(1, 'EventBridge Scheduler')?.count).toBe(line(500, 'EventBridge Scheduler')?.count);
  });

  it('keeps alarms and metrics at a fixed count unless detailedMetrics asks for per-cluster ones', () => {
    expect(line(1, 'CloudWatch alarms')?.count).toBe(4);
    expect(line(500, 'CloudWatch alarms')?.count).toBe(4);
    expect(line(500, 'CloudWatch custom')?.count).toBe(line(1, 'CloudWatch custom')?.count);
    const metrics = (n: number) =>
      monthlyCost({ clusters: 500, metricsPerCluster: n }).find((l) =>
        l.item.startsWith('CloudWatch custom'),
      );
    expect(metrics(10)!.count).toBe(metrics(0)!.count + 5000);
    expect(total(monthlyCost({ clusters: 500 }))).toBeGreaterThan(total(monthlyCost({ clusters: 50 })));
  });
});
