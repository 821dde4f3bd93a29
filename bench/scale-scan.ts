/**
 * `npm run bench` (last part): the scale scan with its peak RSS, which `npm run bench:scan`
 * measures (bench/scan.bench.ts, from the cert-manager coverage work). Run here when that script
 * exists, so one `npm run bench` reports start, parse and scan together; said plainly when not.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const scripts = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }
).scripts;
if (scripts?.['bench:scan']) {
  const run = spawnSync('npm', ['run', '--silent', 'bench:scan'], { cwd: root, stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} else {
  console.log('scale scan: no `bench:scan` script in package.json yet, so no scan figures in this run');
}
