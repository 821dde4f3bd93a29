/**
 * CDK app entry: loads certwatch.config.ts (or $CERTWATCH_CONFIG, else the example), validates it,
 * builds the stacks and runs cdk-nag AwsSolutions checks on all of them. A bad config prints one
 * line per bad field and exits 1 without a stack trace.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildCertwatchApp } from '../lib/certwatch-app';
import { ConfigError, parseCertwatchConfig } from '../lib/config-schema';

function configPath(): string {
  const root = path.join(__dirname, '..');
  if (process.env['CERTWATCH_CONFIG']) return path.resolve(process.env['CERTWATCH_CONFIG']);
  const own = path.join(root, 'certwatch.config.ts');
  return existsSync(own) ? own : path.join(root, 'certwatch.config.example.ts');
}

function main(): void {
  const file = configPath();
  try {
    // Loaded with require so tsx compiles the TypeScript config file.
    const config = parseCertwatchConfig((require(file) as { config?: unknown; default?: unknown }).config);
    const app = new App();
    buildCertwatchApp(app, config, {
      account: process.env['CDK_DEFAULT_ACCOUNT'],
      region: process.env['CDK_DEFAULT_REGION'],
    });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    app.synth();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${path.relative(process.cwd(), file)}: ${error.message}\n`);
    process.exit(1);
  }
}

main();
