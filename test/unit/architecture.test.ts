/**
 * Keeps the layers honest: the domain is pure (no I/O, clock, env or SDKs) and each layer imports
 * only what STYLE.md allows. Reads source files as text; runs in milliseconds.
 */
import { readdirSync, readFileSync } from 'node:fs';
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

describe('layer imports', () => {
  const rules: Array<[string, RegExp]> = [
    ['lambda/ports', /^(?!\.\.\/domain\/|\.\/|node:).+|^\.\.\/(app|adapters|handlers|cli|config)\//],
    ['lambda/app', /^(@aws-sdk\/|@kubernetes\/|@slack\/|dynalite)|\/adapters\/|\/handlers\/|\/cli\//],
    ['lambda/adapters', /\/app\/|\/handlers\/|\/cli\//],
    ['lib', /\.\.\/lambda\/(?!config\/env-names)/],
  ];

  it.each(rules)('%s imports only what STYLE.md allows', (dir, forbidden) => {
    let files: string[] = [];
    try {
      files = tsFiles(dir);
    } catch {
      return; // layer not written yet
    }
    const offences = files.flatMap((file) =>
      importsOf(readFileSync(join(root, file), 'utf8'))
        .filter((spec) => forbidden.test(spec))
        .map((spec) => `${relative(root, join(root, file))} → ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('lambda/app reads no process.env', () => {
    let files: string[] = [];
    try {
      files = tsFiles('lambda/app');
    } catch {
      return;
    }
    const offenders = files.filter((file) =>
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
});
