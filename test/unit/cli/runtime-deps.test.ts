/**
 * The published package runs without dev dependencies: every package the compiled CLI can require
 * (following dist/ from bin's entry) is a dependency or an optional dependency, and none of the
 * packages only the Lambdas or the tooling use is. client-node's KubeConfig is bundled into dist/
 * by the build (scripts/build-cli.js), so the package itself is needed at build time only.
 * dist/ is built by jest's global setup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

/** Package names required by the compiled files reachable from `entry`. */
function requiredPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
      if (spec!.endsWith('.json')) continue; // data (package.json's version), no code
      if (spec!.startsWith('.')) {
        const base = resolve(dirname(file), spec!);
        visit(existsSync(`${base}.js`) ? `${base}.js` : join(base, 'index.js'));
      } else if (!spec!.startsWith('node:') && !builtinModules.includes(spec!)) {
        packages.add(
          spec!
            .split('/')
            .slice(0, spec!.startsWith('@') ? 2 : 1)
            .join('/'),
        );
      }
    }
  };
  visit(entry);
  return packages;
}

describe('the packaged CLI', () => {
  const used = requiredPackages(join(root, 'dist', 'cli', 'main.js'));

  it('finds the packages the CLI loads', () => {
    expect(used).toContain('pkijs');
    expect(used).toContain('js-yaml');
  });

  it("carries client-node's KubeConfig bundled, without the package, its API models or undici", () => {
    expect(used).not.toContain('@kubernetes/client-node');
    expect(used).not.toContain('undici');
    const bundle = join(root, 'dist', 'adapters', 'kubernetes', 'kube-config.js');
    const { KubeConfig } = require(bundle) as typeof import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      { name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: false },
      { name: 'u', token: 'a-token' },
    );
    const options: { headers?: Record<string, string>; agent?: unknown } = {};
    return kc.applyToHTTPSOptions(options).then(() => {
      expect(options.headers?.['Authorization']).toBe('Bearer a-token');
      expect(options.agent).toBeDefined();
      expect(() => kc.makeApiClient(class {} as never)).toThrow(/not bundled/);
    });
  });

  it('declares every package it loads as a (optional) dependency', () => {
    const declared = { ...pkg.dependencies, ...pkg.optionalDependencies };
    expect([...used].filter((name) => !(name in declared))).toEqual([]);
  });

  it('declares no runtime dependency it never loads', () => {
    expect(Object.keys(pkg.dependencies).filter((name) => !used.has(name))).toEqual([]);
  });

  it('needs no TypeScript transpiler at run time', () => {
    expect(readFileSync(join(root, 'bin', 'certwatch.js'), 'utf8')).not.toMatch(/tsx|ts-node/);
    expect(used).not.toContain('tsx');
  });
});
