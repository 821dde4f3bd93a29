/** The configuration error and how zod issues become `path: expected …, received …` lines. */
import type { z } from 'zod';

/** The configuration file is invalid; `issues` are one line each, `path: expected …, received …`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly string[]) {
    super(`invalid certwatch configuration:\n  ${issues.join('\n  ')}`);
  }
}

/** One zod issue as one plain lower-case line naming the field. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `${formatPath(issue.path)}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/** `['clusters', 2, 'region']` → `clusters[2].region`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
