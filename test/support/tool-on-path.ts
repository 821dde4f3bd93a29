/**
 * Finds a command-line tool the tests need (kubectl, openssl…) on PATH, as `.ci/run` does with
 * `command -v`. A missing tool fails the run: tests never skip because a tool is absent.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The full path of `name` on `path` (default: $PATH), or undefined when no executable is found. */
export function findOnPath(name: string, path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter((d) => d !== '')) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The full path of `name` on PATH; throws (failing the test) naming the Debian package that
 * provides it when it is not installed: CI installs it (.ci/run), so a skip would hide a gap.
 */
export function requireTool(name: string, debianPackage: string): string {
  const found = findOnPath(name);
  if (!found)
    throw new Error(
      `${name} not found on PATH: the tests need it (Debian's ${debianPackage}; .ci/run installs it)`,
    );
  return found;
}
