/** Which certwatch is running: the package version (for `--version` and `certwatch_build_info`). */
import packageJson from '../../package.json';
import type { BuildInfo } from '../domain/report';

/** The version in package.json. */
export const VERSION: string = packageJson.version;

/** Version of certwatch and of the Node.js running it. */
export function buildInfo(): BuildInfo {
  return { version: VERSION, nodeVersion: process.version };
}
