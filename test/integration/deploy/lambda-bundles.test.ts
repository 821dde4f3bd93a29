/**
 * The Lambda artifacts as `cdk deploy` builds them: each handler bundled by esbuild with
 * CertwatchFunction's bundling options, then loaded in a fresh Node process that finds nothing
 * beside the bundle but `@aws-sdk` (what the Node 22 runtime provides), and invoked once against
 * DynamoDB Local. A bundling fault — a module left out, an ESM dependency that does not load as
 * CommonJS, a top-level failure — shows here instead of on the first deploy.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { ENV } from '#config/env-names';
import { handlerEntry, LAMBDA_BUNDLING } from '#lib/constructs/certwatch-function';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..', '..');
let dir: string;
let ddb: DynamoDbLocal;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certwatch-bundles-'));
  await mkdir(join(dir, 'node_modules'));
  await symlink(join(ROOT, 'node_modules', '@aws-sdk'), join(dir, 'node_modules', '@aws-sdk'));
  ddb = await startDynamoDbLocal();
  await createHistoryTable(ddb.client(), 'history');
});

afterAll(async () => {
  await ddb?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Bundles `handler` as CertwatchFunction does; resolves with the file. */
async function bundle(handler: string): Promise<string> {
  const outfile = join(dir, handler, 'index.js');
  await build({
    entryPoints: [handlerEntry(handler)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: LAMBDA_BUNDLING.target,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    external: [...LAMBDA_BUNDLING.externalModules],
    alias: { ...LAMBDA_BUNDLING.alias }, // dist/ is built by jest's global setup, as by the bundling hook
    logLevel: 'silent',
  });
  return outfile;
}

/** Loads the bundle in a fresh process and calls its handler with `event`; resolves with what it returned. */
function invoke(
  file: string,
  event: unknown,
): Promise<{ code: number; result: string; stderr: string; output: string }> {
  const script = `require(${JSON.stringify(file)}).handler(${JSON.stringify(event)}).then(
    (r) => { process.stdout.write('RESULT ' + JSON.stringify(r)); },
    (e) => { console.error('FAILED ' + e.message); process.exitCode = 1; })`;
  const env = {
    PATH: process.env['PATH'] ?? '',
    // DynamoDB Local keeps tables per access key and region: those of the test's own client.
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
    [ENV.tableName]: 'history',
    [ENV.scanQueueUrl]: 'https://sqs.eu-west-1.amazonaws.com/111111111111/scans',
    [ENV.clusters]: '[]',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { cwd: dir, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, result: /RESULT (.*)$/s.exec(stdout)?.[1] ?? '', stderr, output: stdout + stderr });
    });
  });
}

it.each([
  ['scan', { Records: [] }, '{"batchItemFailures":[]}'],
  ['dispatch', {}, undefined],
  ['digest', {}, '{"delivered":[],"failed":[]}'],
])('the %s bundle loads beside @aws-sdk alone and answers', async (handler, event, expected) => {
  const file = await bundle(handler);
  const run = await invoke(file, event);
  expect([run.code, run.stderr.match(/FAILED .*|Cannot find module[^\n]*/)?.[0] ?? '']).toEqual([0, '']);
  // Nothing failed quietly either (the dispatcher logs a fleet watch that could not read history).
  expect(run.output).not.toMatch(/"level":"ERROR"/);
  if (expected) expect(run.result).toBe(expected);
  else expect(JSON.parse(run.result)).toMatchObject({ dispatched: 0 });
});
