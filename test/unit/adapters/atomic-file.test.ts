/** writeFileAtomically: the target holds the old or the new text, never a part; no temp file is left. */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from '#adapters/atomic-file';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certwatch-atomic-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

it('replaces the file and leaves nothing else in the directory', async () => {
  const path = join(dir, 'certwatch.prom');
  await writeFile(path, 'old\n');
  await writeFileAtomically(path, 'new\n');
  expect(await readFile(path, 'utf8')).toBe('new\n');
  expect(await readdir(dir)).toEqual(['certwatch.prom']);
});

it('a failed rename leaves the old content and no temp file', async () => {
  const path = join(dir, 'target');
  await mkdir(path); // renaming a file over a directory fails
  await expect(writeFileAtomically(path, 'x')).rejects.toThrow(/EISDIR|ENOTDIR|EEXIST|EPERM/);
  expect(await readdir(dir)).toEqual(['target']);
});

it('names the path when the directory does not exist', async () => {
  await expect(writeFileAtomically(join(dir, 'missing', 'out.prom'), 'x')).rejects.toThrow(/ENOENT.*missing/);
});

it('readers polling during many rewrites only ever see a whole version', async () => {
  const path = join(dir, 'm.prom');
  const versions = ['a'.repeat(200_000), 'b'.repeat(300_000)];
  await writeFileAtomically(path, versions[0]!);
  let stop = false;
  const seen = new Set<number>();
  const reader = (async () => {
    while (!stop) seen.add((await readFile(path, 'utf8')).length);
  })();
  for (let i = 0; i < 20; i += 1) await writeFileAtomically(path, versions[i % 2]!);
  stop = true;
  await reader;
  for (const length of seen) expect([200_000, 300_000]).toContain(length);
});
