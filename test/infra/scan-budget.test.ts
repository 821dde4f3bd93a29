/**
 * The scan budget set in the stack's config is the one the scan uses: the synthesized scan
 * Lambda's timeout and environment, read back by the Lambda's own env parser and composition root.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { composeFleet } from '#config/compose-fleet';
import { ENV } from '#config/env-names';
import { readLambdaEnv } from '#config/lambda-env';
import { scanBudgetMs } from '#config/scan-budget';
import { scanSetup } from '#handlers/scan-message';
import { exampleConfig, synthApp } from './stack-fixture';

it('scan.timeoutSeconds sets the Lambda timeout and the budget the scan reads within', async () => {
  const config = exampleConfig({ scan: { timeoutSeconds: 120, maxConcurrency: 5, memoryMiB: 1024 } });
  const { central } = synthApp(config);
  const [scan] = Object.values(central.findResources('AWS::Lambda::Function')).filter(
    (f) =>
      f.Properties.Environment.Variables[ENV.scanTimeoutSeconds] !== undefined &&
      f.Properties.Timeout === 120,
  );
  expect(scan).toBeDefined();
  const variables = scan!.Properties.Environment.Variables as Record<string, unknown>;
  // Resource references are tokens in the template; the Lambda gets names at deploy time.
  const env: Record<string, string> = { [ENV.tableName]: 'certwatch-history' };
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string' && !name.startsWith('CERTWATCH_SLACK')) env[name] = value;
  }
  const setup = await scanSetup(
    composeFleet(readLambdaEnv(env), { dynamodb: new DynamoDBClient({ region: 'eu-west-1' }) }),
  );
  expect(setup.timeoutMs).toBe(90_000);
  expect(setup.timeoutMs).toBe(scanBudgetMs(120));
});

it('the budget leaves a quarter (10 s to 60 s) of the timeout to record and notify', () => {
  expect([30, 120, 300, 900].map(scanBudgetMs)).toEqual([20_000, 90_000, 240_000, 840_000]);
});
