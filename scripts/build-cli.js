#!/usr/bin/env node
// Compiles lambda/**/*.ts to CommonJS in dist/ (one .js per .ts, same tree) with esbuild, so the
// `certwatch` bin runs plain JavaScript: no TypeScript transpiler at run time. Files are not
// bundled: a command's dependencies (AWS SDK, dynalite, client-node) load only when that command
// requires them. Run by `prepare` (so `npm ci` builds it), by `npm run build` and by jest's
// global setup (tests that spawn the CLI run the current sources). Takes well under a second.
const { readdirSync, rmSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'dist');

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Builds dist/ from lambda/; resolves when written. */
async function buildCli() {
  const esbuild = require('esbuild');
  rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: tsFiles(join(ROOT, 'lambda')).map((file) => relative(ROOT, file)),
    absWorkingDir: ROOT,
    outdir: OUT,
    outbase: 'lambda', // dist/ mirrors lambda/, so relative imports that leave it (../../package.json) still resolve
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    bundle: false,
    logLevel: 'warning',
  });
}

module.exports = { buildCli };

if (require.main === module) {
  buildCli().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
