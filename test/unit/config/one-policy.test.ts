/**
 * One policy for the CLI and the Lambdas: the deployment config's thresholds, passed to the
 * Lambdas through their environment, and the same thresholds in the CLI's --config file build the
 * same risk policy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliSettings } from '#config/cli-settings';
import { compose } from '#config/compose';
import { ENV } from '#config/env-names';
import { readLambdaEnv } from '#config/lambda-env';
import { DEFAULT_POLICY, resolvePolicy } from '#domain/policy';
import { parseCertwatchConfig } from '#lib/config-schema';
import { lambdaSettings } from '#lib/lambda-settings';

const dir = mkdtempSync(join(tmpdir(), 'certwatch-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The policy the scan Lambda judges with, for a deployment configuration. */
function lambdaPolicy(config: unknown) {
  const env = { ...lambdaSettings(parseCertwatchConfig(config)), [ENV.tableName]: 'history' };
  return resolvePolicy(compose(readLambdaEnv(env)).policy);
}

/** The policy `certwatch scan|inspect --config FILE` judges with. */
function cliPolicy(file: unknown) {
  const path = join(dir, `config-${Math.abs(JSON.stringify(file).length)}.json`);
  writeFileSync(path, JSON.stringify(file));
  return resolvePolicy(compose(cliSettings({ configPath: path }, { env: {}, cwd: dir })).policy);
}

const cluster = { name: 'prod-eu', region: 'eu-west-1' };

describe('one policy for CLI and Lambda', () => {
  it('builds the same policy from the same thresholds', () => {
    const thresholds = {
      root: { warningDays: 500, criticalDays: 120, warningLifetimePercent: 25 },
      intermediate: { warningDays: 60 },
      leaf: { criticalLifetimePercent: 15, criticalHours: 2 },
    };
    const fromLambda = lambdaPolicy({ clusters: [cluster], thresholds });
    const fromCli = cliPolicy({ thresholds });
    expect(fromCli).toEqual(fromLambda);
    expect(fromCli.root).toEqual({ warningDays: 500, criticalDays: 120, warningFraction: 0.25 });
    expect(fromCli.intermediate).toEqual({ ...DEFAULT_POLICY.intermediate, warningDays: 60 });
    expect(fromCli.leaf.criticalHours).toBe(2);
  });

  it('judges with the documented defaults on both sides when nothing is set', () => {
    const fromCli = resolvePolicy(compose(cliSettings({}, { env: {}, cwd: dir })).policy);
    expect(fromCli).toEqual(DEFAULT_POLICY);
    expect(lambdaPolicy({ clusters: [cluster] })).toEqual(DEFAULT_POLICY);
  });

  it('names the bad field of a --config file, as the deployment config does', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ thresholds: { root: { warningDays: 'soon' } }, colour: 1 }));
    expect(() => cliSettings({ configPath: path }, { env: {}, cwd: dir })).toThrow(
      /thresholds\.root\.warningDays: expected a number of days, received "soon".*(root\)|\(root\)): unknown field "colour"/,
    );
    writeFileSync(path, '{ not json');
    expect(() => cliSettings({ configPath: path }, { env: {}, cwd: dir })).toThrow(/bad\.json: not JSON/);
    expect(() => cliSettings({ configPath: 'missing.json' }, { env: {}, cwd: dir })).toThrow(
      /cannot read .*missing\.json \(ENOENT\)/,
    );
  });
});
