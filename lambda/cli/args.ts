/** Flag parsing shared by the commands: strict `node:util` parseArgs plus validators that fail as UsageError. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Severity } from '../domain/model';
import { UsageError } from './command';
import { didYouMean } from './did-you-mean';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` strictly: an unknown flag, a missing value or a stray positional becomes a UsageError. */
export function parseFlags<O extends Options>(
  argv: readonly string[],
  options: O,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    // Node's messages end with hints about `--`; the first sentence is the useful part.
    const first = ((error as Error).message.split('. ')[0] ?? String(error)).replace(/\.$/, '');
    const typed = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(--?[^']+)'/.exec(first)?.[1] : undefined;
    const hint = typed?.startsWith('--')
      ? didYouMean(
          typed.split('=')[0]!,
          Object.keys(options).map((flag) => `--${flag}`),
        )
      : '';
    throw new UsageError(`${first}${hint}`, hint ? undefined : usage, { cause: error });
  }
}

/** Returns `value` when it is one of `allowed`, else a UsageError naming the flag and the value. */
export function parseChoice<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid --${flag} '${value}': expected one of ${allowed.join(', ')}`);
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses `--now`: a date (`2026-05-01`, UTC midnight) or a date-time with `Z` or an offset.
 * Strict on purpose: `new Date()` accepts `2026-02-31` and local times, which would move "now".
 */
export function parseNow(value: string | undefined, fallback: () => Date): Date {
  if (value === undefined) return fallback();
  const bad = new UsageError(`invalid --now '${value}': expected ISO 8601 like 2026-05-01T12:00:00Z`);
  const m = ISO_8601.exec(value);
  if (!m) throw bad;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, millis));
  date.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999; set the real year afterwards.
  const valid = date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  if (!valid || !validOffset(m[8])) throw bad;
  return new Date(date.getTime() - offsetMinutes(m[8]) * 60_000);
}

/** UTC offsets run from -23:59 to +23:59 (ISO 8601); `+25:00` or `+01:75` is a typo, not a zone. */
function validOffset(zone: string | undefined): boolean {
  return (
    zone === undefined || zone === 'Z' || (Number(zone.slice(1, 3)) < 24 && Number(zone.slice(4, 6)) < 60)
  );
}

/** `Z` → 0, `+02:00` → 120, `-05:30` → -330. */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** Parses `--fail-on` (default `critical`). */
export function parseFailOn(value: string | undefined): Exclude<Severity, 'info'> {
  return parseChoice('fail-on', value, ['warning', 'critical'] as const, 'critical');
}

/** Parses a positive number of a flag like `--read-timeout 5` (fractions allowed); a UsageError otherwise. */
export function parsePositiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`invalid --${flag} '${value}': expected a positive number`);
  return n;
}
