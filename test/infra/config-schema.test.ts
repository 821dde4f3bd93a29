/** Config validation: every bad field is named with what was expected; defaults resolve once. */

import { ConfigError, parseCertwatchConfig } from '#lib/config-schema';
import { lambdaSettings, scanIntervalMinutes } from '#lib/lambda-settings';
import { config as example } from '../../certwatch.config.example';
import { ENV } from '../../lambda/config/env-names';
import { readLambdaEnv } from '../../lambda/config/lambda-env';

function issues(input: unknown): readonly string[] {
  try {
    parseCertwatchConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const ok = { name: 'prod-eu', region: 'eu-west-1' };

describe('parseCertwatchConfig', () => {
  it('accepts the example and resolves defaults', () => {
    const config = parseCertwatchConfig(example);
    expect(config.clusters).toHaveLength(2);
    expect(config.thresholds.intermediate).toEqual({
      warningDays: 90,
      criticalDays: 30,
      warningLifetimePercent: 30,
    });
    expect(config.clusters[0]?.accessEntry).toBe(true);
  });

  it('defaults the schedules to hourly scans and a Monday 08:00 UTC digest', () => {
    const config = parseCertwatchConfig({ clusters: [ok] });
    expect(config.schedules).toEqual({
      scan: 'rate(1 hour)',
      digest: 'cron(0 8 ? * MON *)',
      timeZone: 'UTC',
    });
    expect(config.thresholds.root.warningDays).toBe(365);
  });

  it.each([
    [
      { clusters: [ok, ok, { name: 'x', region: 'moon' }] },
      'clusters[2].region: expected an AWS region like "eu-west-1", received "moon"',
    ],
    [
      { clusters: [{ ...ok, account: '12' }] },
      'clusters[0].account: expected a 12-digit AWS account id like "123456789012", received "12"',
    ],
    [
      { clusters: [{ ...ok, roleArn: 'role/x' }] },
      'clusters[0].roleArn: expected an IAM role ARN like "arn:aws:iam::123456789012:role/certwatch-reader", received "role/x"',
    ],
    [
      { clusters: [{ ...ok, sources: ['istio', 'nginx'] }] },
      'clusters[0].sources[1]: expected one of istio, linkerd, consul, cert-manager, spire, tls-secrets, received "nginx"',
    ],
    [{ clusters: [{ ...ok, colour: 'red' }] }, 'clusters[0]: unknown field "colour"'],
    [
      { clusters: [ok], schedules: { timeZone: 'Mars/Olympus' } },
      'schedules.timeZone: expected an IANA time zone like "Europe/Paris", received "Mars/Olympus"',
    ],
    [
      { clusters: [ok], schedules: { scan: 'every hour' } },
      'schedules.scan: expected a schedule like "rate(1 hour)" or "cron(0 * * * ? *)", received "every hour"',
    ],
    [
      { clusters: [ok], email: { alerts: ['not-an-email'] } },
      'email.alerts[0]: expected an email address like "oncall@example.com", received "not-an-email"',
    ],
    [
      { clusters: [ok], thresholds: { root: { warningDays: 30, criticalDays: 90 } } },
      'thresholds.root: expected criticalDays to be at most warningDays',
    ],
    [
      { clusters: [ok], thresholds: { root: { warningDays: 'soon' } } },
      'thresholds.root.warningDays: expected a number of days, received "soon"',
    ],
    [{ clusters: [] }, 'clusters: expected at least one cluster, or a discovery section'],
    [{ clusters: [ok, ok] }, 'clusters[1].name: expected a unique cluster, received a duplicate'],
    [
      { discovery: { targets: [{ account: '123456789012', regions: ['eu-west-1'] }] } },
      'discovery.targets[0].roleArn: expected an IAM role ARN like "arn:aws:iam::123456789012:role/certwatch-reader", received nothing',
    ],
  ])('names the bad field: %j', (input, expected) => {
    expect(issues(input)).toContain(expected);
  });

  it('reports every bad field at once', () => {
    expect(issues({ clusters: [{ name: '', region: 'moon' }], email: { digest: ['x'] } })).toHaveLength(3);
  });
});

describe('lambdaSettings', () => {
  it('refuses a cluster list too big for a Lambda environment, pointing at discovery', () => {
    const clusters = Array.from({ length: 80 }, (_, i) => ({
      name: `cluster-${i}`,
      region: 'eu-west-1',
      account: '123456789012',
    }));
    expect(() => lambdaSettings(parseCertwatchConfig({ clusters }))).toThrow(
      /Lambda environments hold 4 KB.*largest: CERTWATCH_CLUSTERS \d+.*"discovery"/,
    );
    // Fewer clusters fit: the limit is the whole environment, not a guess per variable.
    expect(() => lambdaSettings(parseCertwatchConfig({ clusters: clusters.slice(0, 20) }))).not.toThrow();
  });

  it.each([
    ['rate(1 hour)', 60],
    ['rate(30 minutes)', 30],
    ['rate(2 days)', 2880],
    ['cron(0 * * * ? *)', 60],
  ])('derives the scan interval of %s as %d minutes', (expression, minutes) => {
    expect(scanIntervalMinutes(expression)).toBe(minutes);
  });
});

describe('meshGroups (#17)', () => {
  const ok = { name: 'prod-eu', region: 'eu-west-1' };
  it('reach the Lambdas as CERTWATCH_MESH_GROUPS, read back as the same groups', () => {
    const meshGroups = [{ name: 'wan', mesh: 'consul' as const, clusters: ['prod-eu', 'prod-us'] }];
    const env = lambdaSettings(parseCertwatchConfig({ clusters: [ok], meshGroups }));
    expect(readLambdaEnv({ ...env, [ENV.tableName]: 't' }).fleet?.meshGroups).toEqual(meshGroups);
    expect(lambdaSettings(parseCertwatchConfig({ clusters: [ok] }))[ENV.meshGroups]).toBeUndefined();
  });
  it('a group of one cluster is refused, naming the field', () => {
    expect(() =>
      parseCertwatchConfig({ clusters: [ok], meshGroups: [{ name: 'x', clusters: ['a'] }] }),
    ).toThrow(/meshGroups/);
  });
});
