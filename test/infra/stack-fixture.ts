/** Builds the certwatch app from the example config with bundling skipped (unit-test speed). */
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCertwatchApp, type CertwatchStacks } from '#lib/certwatch-app';
import { type CertwatchConfigInput, parseCertwatchConfig } from '#lib/config-schema';
import { config as example } from '../../certwatch.config.example';

/** The example configuration, optionally changed. */
export function exampleConfig(change: Partial<CertwatchConfigInput> = {}) {
  return parseCertwatchConfig({ ...example, ...change });
}

/** App + stacks (+ cdk-nag) for `config`, synthesized without bundling. */
export function synthApp(config = exampleConfig()): { app: App; stacks: CertwatchStacks; central: Template } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildCertwatchApp(app, config);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  app.synth(); // throws ValidationFailed when cdk-nag reports an unacknowledged error
  return { app, stacks, central: Template.fromStack(stacks.central) };
}
