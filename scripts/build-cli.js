#!/usr/bin/env node
// Compiles lambda/**/*.ts to CommonJS in dist/ (one .js per .ts, same tree) with esbuild, so the
// `certwatch` bin runs plain JavaScript: no TypeScript transpiler at run time. Files are not
// bundled: a command's dependencies (AWS SDK, dynalite, client-node) load only when that command
// requires them. Run by `prepare` (so `npm ci` builds it), by `npm run build` and by jest's
// global setup (tests that spawn the CLI run the current sources). Takes well under a second.
const { readdirSync, rmSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

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
  await bundleKubeConfig(esbuild);
}

// client-node's KubeConfig needs neither of these for what certwatch calls (loading kubeconfigs,
// applyToHTTPSOptions): the generated API client (makeApiClient) and undici (applyToFetchOptions).
const KUBE_CONFIG_STUBS = {
  undici: `const off = () => { throw new Error('certwatch: undici is not bundled (KubeConfig.applyToFetchOptions is not used)'); };
export class Agent { constructor() { off(); } }
export class ProxyAgent { constructor() { off(); } }`,
  './gen/index.js': `const off = () => { throw new Error('certwatch: the generated API client is not bundled (KubeConfig.makeApiClient is not used)'); };
export function createConfiguration() { off(); }
export class ServerConfiguration { constructor() { off(); } }`,
};

/**
 * Replaces dist/adapters/kubernetes/kube-config.js with a bundle of client-node's KubeConfig and
 * what it imports (kubeconfig parsing, auth plugins, proxy agents), without the package index, the
 * generated API models and undici: the scan starts ~50 MB lighter, and the packaged CLI does not
 * need @kubernetes/client-node installed. Legal comments stay in the bundle.
 */
async function bundleKubeConfig(esbuild) {
  const clientNode = dirname(require.resolve('@kubernetes/client-node/package.json'));
  const configModule = join(clientNode, 'dist', 'config.js');
  const slim = {
    name: 'kube-config-only',
    setup(build) {
      build.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({ path: configModule }));
      build.onResolve({ filter: /^(undici|\.\/gen\/index\.js)$/ }, (args) =>
        args.importer === configModule ? { path: args.path, namespace: 'kube-config-stub' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'kube-config-stub' }, (args) => ({
        contents: KUBE_CONFIG_STUBS[args.path],
        loader: 'js',
      }));
    },
  };
  await esbuild.build({
    entryPoints: [join(ROOT, 'lambda', 'adapters', 'kubernetes', 'kube-config.ts')],
    outfile: join(OUT, 'adapters', 'kubernetes', 'kube-config.js'),
    absWorkingDir: ROOT,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    legalComments: 'inline',
    plugins: [slim],
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
