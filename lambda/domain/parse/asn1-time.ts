/**
 * Reads X.509 validity times from their ASN.1 text (UTCTime / GeneralizedTime), years 0000–9999.
 * Built with Date.UTC + setUTCFullYear: `new Date(string)` and bare Date.UTC both move years 0–99
 * to 1900+, which turns SPIRE's year-0001 notBefore into 1901 or 2001. The digits are read from the
 * bytes directly (no string, no regular expression): every certificate has two of these.
 */

const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;
const ZERO = 0x30;
const Z = 0x5a;
const DOT = 0x2e;

/**
 * The instant a UTCTime (tag 0x17) or GeneralizedTime (0x18) encodes; `undefined` when not valid.
 * UTCTime: YYMMDDHHMM[SS]Z (RFC 5280 requires the seconds; older encoders omitted them).
 * GeneralizedTime: YYYYMMDDHHMMSS[.f{1,9}]Z; local times and offsets are not allowed in certificates.
 */
export function parseAsn1Time(tag: number, bytes: Uint8Array, start: number, end: number): Date | undefined {
  const length = end - start;
  if (length > 32 || bytes[end - 1] !== Z) return undefined;
  if (tag === UTC_TIME) {
    if (length !== 11 && length !== 13) return undefined;
    const yy = digits(bytes, start, 2);
    const second = length === 13 ? digits(bytes, start + 10, 2) : 0;
    if (yy < 0 || second < 0) return undefined;
    // RFC 5280 4.1.2.5.1: YY >= 50 is 19YY, otherwise 20YY.
    return buildUtc(yy >= 50 ? 1900 + yy : 2000 + yy, bytes, start + 2, second, 0);
  }
  if (tag === GENERALIZED_TIME) {
    if (length < 15) return undefined;
    const year = digits(bytes, start, 4);
    const second = digits(bytes, start + 12, 2);
    if (year < 0 || second < 0) return undefined;
    let millis = 0;
    if (length > 15) {
      const fractionDigits = length - 16;
      if (bytes[start + 14] !== DOT || fractionDigits < 1 || fractionDigits > 9) return undefined;
      if (digits(bytes, start + 15, fractionDigits) < 0) return undefined;
      const fraction = Buffer.from(bytes.buffer, bytes.byteOffset + start + 15, fractionDigits).toString(
        'latin1',
      );
      millis = Math.floor(Number(`0.${fraction}`) * 1000);
    }
    return buildUtc(year, bytes, start + 4, second, millis);
  }
  return undefined;
}

/** MMDDHHMM at `at`, then the given seconds and milliseconds. */
function buildUtc(
  year: number,
  bytes: Uint8Array,
  at: number,
  second: number,
  millis: number,
): Date | undefined {
  const month = digits(bytes, at, 2);
  const day = digits(bytes, at + 2, 2);
  const hour = digits(bytes, at + 4, 2);
  const minute = digits(bytes, at + 6, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millis));
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** The decimal number in `count` ASCII digits at `at`; -1 when any byte is not a digit. */
function digits(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = (bytes[i] ?? 0) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
