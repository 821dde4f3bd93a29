/** `--listen HOST:PORT` of `serve`. */
import { UsageError } from './command';

/** Parses `HOST:PORT`, `:PORT` (every interface) or `[IPv6]:PORT`; a UsageError naming the value otherwise. */
export function parseListen(value: string, usage: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value);
  const port = Number(m?.[3]);
  if (!m || port > 65535)
    throw new UsageError(`invalid --listen '${value}': expected HOST:PORT, :PORT or [IPv6]:PORT`, usage);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}
