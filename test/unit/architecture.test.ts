/**
 * Keeps the layers honest: the domain is pure (no I/O, clock, env or SDKs) and each layer imports
 * only what STYLE.md allows. Reads source files as text; runs in milliseconds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of source.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3] ?? '');
  return found;
}

/** Strips comments so documentation that mentions a forbidden call does not trip the checks. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const sdkOrIo =
  /^(@aws-sdk\/|@smithy\/|@kubernetes\/|@slack\/|@aws-lambda-powertools\/|aws-cdk-lib|constructs|dynalite|(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|os|worker_threads|cluster|readline|process)$)/;

describe('lambda/domain is pure', () => {
  const files = tsFiles('lambda/domain');

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s imports no SDK and no I/O module', (file) => {
    const bad = importsOf(readFileSync(join(root, file), 'utf8')).filter((spec) => sdkOrIo.test(spec));
    expect(bad).toEqual([]);
  });

  // node:crypto is computation, not I/O: hashing, and the parser's native X509Certificate fast path.
  // Any other Node built-in under lambda/domain has to be argued for here first.
  const nodeBuiltins = /^node:(?!crypto$)/;

  it.each(files)('%s imports no Node built-in but node:crypto', (file) => {
    const bad = importsOf(readFileSync(join(root, file), 'utf8')).filter((spec) => nodeBuiltins.test(spec));
    expect(bad).toEqual([]);
  });

  it.each(files)('%s reads no clock and no environment', (file) => {
    const text = code(readFileSync(join(root, file), 'utf8'));
    const offences = [
      /\bDate\.now\s*\(/.test(text) && 'Date.now()',
      /\bnew\s+Date\s*\(\s*\)/.test(text) && 'new Date()',
      /\bprocess\.(env|hrtime|uptime|cwd)\b/.test(text) && 'process.*',
      /\bperformance\.now\s*\(/.test(text) && 'performance.now()',
      /\bMath\.random\s*\(/.test(text) && 'Math.random()',
    ].filter(Boolean);
    expect(offences).toEqual([]);
  });
});

const sdk = /^(@aws-sdk\/|@smithy\/|@kubernetes\/|@slack\/|dynalite)/;
/** Modules lib/ (CDK) may import from lambda/: constants and schemas shared with the runtime. */
const SHARED_WITH_LIB = ['config/env-names', 'config/settings-schema', 'adapters/dynamodb/table-schema'];

/** [layer folder, what its files must not import] (STYLE.md "Layers and what each may import"). */
const LAYER_RULES: Array<[string, RegExp]> = [
  ['lambda/domain', /(^|\/)(app|adapters|handlers|cli|config|ports)\//],
  ['lambda/ports', /^(?!\.\.\/domain\/|\.\/|node:).+|^\.\.\/(app|adapters|handlers|cli|config)\//],
  ['lambda/app', new RegExp(`${sdk.source}|/adapters/|/handlers/|/cli/|/config/`)],
  ['lambda/adapters', /\/app\/|\/handlers\/|\/cli\/|\/config\//],
  ['lambda/config', /(^|\/)lib\/|\/handlers\/|\/cli\//],
  // The composition root builds every adapter: CLI commands and handlers take theirs from it.
  ['lambda/cli', new RegExp(`${sdk.source}|/adapters/|/handlers/`)],
  ['lambda/handlers', new RegExp(`${sdk.source}|/adapters/|/cli/`)],
  ['lib', new RegExp(`\\.\\./lambda/(?!(${SHARED_WITH_LIB.join('|')})$)`)],
];

function offencesIn(dir: string, forbidden: RegExp): string[] {
  return tsFiles(dir).flatMap((file) =>
    importsOf(readFileSync(join(root, file), 'utf8'))
      .filter((spec) => forbidden.test(spec))
      .map((spec) => `${relative(root, join(root, file))} → ${spec}`),
  );
}

describe('layer imports', () => {
  it.each(LAYER_RULES)('%s imports only what STYLE.md allows', (dir, forbidden) => {
    // A missing layer folder is a failure (it was renamed or moved), never a silent pass.
    expect(existsSync(join(root, dir))).toBe(true);
    expect(tsFiles(dir).length).toBeGreaterThan(0);
    expect(offencesIn(dir, forbidden)).toEqual([]);
  });

  it('lambda/app reads no process.env', () => {
    const offenders = tsFiles('lambda/app').filter((file) =>
      /\bprocess\.env\b/.test(code(readFileSync(join(root, file), 'utf8'))),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('catch an SDK import, a clock read and env access in sample code', () => {
    const sample =
      "import { X } from '@aws-sdk/client-sns';\nconst fs = require('node:fs');\nconst t = Date.now();";
    expect(importsOf(sample).filter((spec) => sdkOrIo.test(spec))).toEqual([
      '@aws-sdk/client-sns',
      'node:fs',
    ]);
    expect(/\bDate\.now\s*\(/.test(code(sample))).toBe(true);
    expect(/\bDate\.now\s*\(/.test(code('// Date.now() is forbidden'))).toBe(false);
  });

  it('catch a CLI command that builds an adapter itself', () => {
    const rule = new Map(LAYER_RULES).get('lambda/cli')!;
    const command = "import { SlackNotifier } from '../../adapters/slack/slack-notifier';";
    expect(importsOf(command).filter((spec) => rule.test(spec))).toHaveLength(1);
    const viaRoot = "import { compose } from '../../config/compose';";
    expect(importsOf(viaRoot).filter((spec) => rule.test(spec))).toEqual([]);
  });

  it('let lib/ import only the modules shared with it', () => {
    const rule = new Map(LAYER_RULES).get('lib')!;
    expect(rule.test('../lambda/config/env-names')).toBe(false);
    expect(rule.test('../../lambda/adapters/dynamodb/table-schema')).toBe(false);
    expect(rule.test('../lambda/config/compose')).toBe(true);
    expect(rule.test('../lambda/config/env-names-extra')).toBe(true);
  });
});
