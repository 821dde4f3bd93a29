import { formatDay, formatMinute } from '#domain/format-date';

describe('formatDay / formatMinute', () => {
  it.each([
    [new Date('2026-11-14T07:44:13.000Z'), '2026-11-14', '2026-11-14 07:44Z'],
    ['2026-11-14T23:59:59Z', '2026-11-14', '2026-11-14 23:59Z'],
    ['2026-11-15T01:30:00+02:00', '2026-11-14', '2026-11-14 23:30Z'],
    [new Date('0001-01-01T00:00:00Z'), '0001-01-01', '0001-01-01 00:00Z'],
    [new Date('9999-12-31T23:59:59Z'), '9999-12-31', '9999-12-31 23:59Z'],
  ])('%j → %j, %j (UTC, no milliseconds, no T)', (input, day, minute) => {
    expect(formatDay(input)).toBe(day);
    expect(formatMinute(input)).toBe(minute);
  });

  it('returns a string it cannot read unchanged instead of "Invalid Date"', () => {
    expect(formatDay('soon')).toBe('soon');
    expect(formatMinute('')).toBe('');
  });
});
