/**
 * Runs a tool nobody here wrote (promtool, kubectl) found on PATH. A missing tool fails the test
 * with the Debian package that provides it: CI installs it (.ci/run), so a skip would hide a gap.
 */
import { execFile, execFileSync } from 'node:child_process';

/** What one run produced. */
export interface ToolRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Absolute path of `name` on PATH; throws naming the Debian package when absent. */
export function toolPath(name: string, debianPackage: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not on PATH: install Debian's ${debianPackage} (.ci/run does)`);
  }
}

/** Runs `path args…`, feeding `input` on stdin; resolves with the exit code, never rejects. */
export function runTool(
  path: string,
  args: readonly string[],
  options: { input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = execFile(
      path,
      [...args],
      { timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, cwd: options.cwd },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}
