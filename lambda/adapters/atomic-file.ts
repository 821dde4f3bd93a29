/**
 * Writes a file so that readers see the old content or the new one, never a half-written file
 * (node_exporter's textfile collector reads `*.prom` files at any moment): the text goes to a
 * temporary file in the same directory (same filesystem, so the rename is atomic), is flushed, and
 * is renamed over the target. A failed write leaves the target untouched and removes the temp file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Replaces `path` with `text` atomically; rejects with the file system's error (naming the path). */
export async function writeFileAtomically(path: string, text: string, mode = 0o644): Promise<void> {
  // A dot name: node_exporter only reads `*.prom`, and `ls` hides it.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
