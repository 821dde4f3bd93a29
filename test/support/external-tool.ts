/**
 * Runs a tool nobody here wrote (promtool, kubectl), found with `requireTool` (tool-on-path.ts).
 */
import { execFile } from 'node:child_process';

/** What one run produced. */
export interface ToolRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
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
