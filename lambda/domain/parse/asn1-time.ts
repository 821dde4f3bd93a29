/**
 * Reads X.509 validity times from their ASN.1 text (UTCTime / GeneralizedTime), years 0000–9999.
 * Built with Date.UTC + setUTCFullYear: `new Date(string)` and bare Date.UTC both move years 0–99
 * to 1900+, which turns SPIRE's year-0001 notBefore into 1901 or 2001.
 */

const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;
// UTCTime: YYMMDDHHMM[SS]Z (RFC 5280 requires the seconds; older encoders omitted them).
const UTC_PATTERN = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/;
// GeneralizedTime: YYYYMMDDHHMMSS[.fff…]Z; local times and offsets are not allowed in certificates.
const GENERALIZED_PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/;

/** The instant a UTCTime (tag 0x17) or GeneralizedTime (0x18) encodes; `undefined` when not valid. */
export function parseAsn1Time(tag: number, bytes: Uint8Array, start: number, end: number): Date | undefined {
  if (end - start > 32) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  if (tag === UTC_TIME) {
    const m = UTC_PATTERN.exec(text);
    if (!m) return undefined;
    const yy = Number(m[1]);
    // RFC 5280 4.1.2.5.1: YY >= 50 is 19YY, otherwise 20YY.
    return buildUtc(yy >= 50 ? 1900 + yy : 2000 + yy, m.slice(2, 7), '');
  }
  if (tag === GENERALIZED_TIME) {
    const m = GENERALIZED_PATTERN.exec(text);
    return m ? buildUtc(Number(m[1]), m.slice(2, 7), m[7] ?? '') : undefined;
  }
  return undefined;
}

function buildUtc(year: number, parts: (string | undefined)[], fraction: string): Date | undefined {
  const [month, day, hour, minute, second] = parts.map((p) => Number(p ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millis));
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
