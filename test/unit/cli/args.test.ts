import { parseChoice, parseFailOn, parseFlags, parseNow } from '#cli/args';
import { UsageError } from '#cli/command';

const never = () => {
  throw new Error('fallback must not be called');
};

describe('parseNow', () => {
  it.each([
    ['2026-05-01', '2026-05-01T00:00:00.000Z'],
    ['2026-05-01T12:30:00Z', '2026-05-01T12:30:00.000Z'],
    ['2026-05-01T12:30Z', '2026-05-01T12:30:00.000Z'],
    ['2026-05-01T12:30:00.25Z', '2026-05-01T12:30:00.250Z'],
    ['2026-05-01T12:30:00+02:00', '2026-05-01T10:30:00.000Z'],
    ['2026-05-01T12:30:00-05:30', '2026-05-01T18:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
  ])('accepts %s', (value, iso) => {
    expect(parseNow(value, never).toISOString()).toBe(iso);
  });

  it.each([
    'tomorrow',
    '2026-13-01',
    '2025-02-29',
    '2026-04-31T00:00:00Z',
    '2026-05-01T24:00:00Z',
    '2026-05-01T12:00:00',
    '2026-05-01 12:00:00Z',
    '1714521600',
    '',
  ])('rejects %j naming the flag and the value', (value) => {
    expect(() => parseNow(value, never)).toThrow(UsageError);
    expect(() => parseNow(value, never)).toThrow(`invalid --now '${value}'`);
  });

  it('uses the fallback only when the flag is absent', () => {
    const fixed = new Date('2030-01-01T00:00:00Z');
    expect(parseNow(undefined, () => fixed)).toBe(fixed);
  });
});

describe('parseChoice and parseFailOn', () => {
  it('returns allowed values and the fallback', () => {
    expect(parseChoice('format', 'json', ['table', 'json'], 'table')).toBe('json');
    expect(parseChoice('format', undefined, ['table', 'json'], 'table')).toBe('table');
    expect(parseFailOn(undefined)).toBe('critical');
    expect(parseFailOn('warning')).toBe('warning');
  });

  it('names the flag, the value and the choices on a bad value', () => {
    expect(() => parseChoice('format', 'xml', ['table', 'json'], 'table')).toThrow(
      "invalid --format 'xml': expected one of table, json",
    );
    expect(() => parseFailOn('info')).toThrow(UsageError);
  });
});

describe('parseFlags', () => {
  const options = { format: { type: 'string' } } as const;

  it('parses known flags and positionals', () => {
    const { values, positionals } = parseFlags(
      ['a.pem', '--format', 'json', 'b.pem'],
      options,
      'usage',
      true,
    );
    expect(values.format).toBe('json');
    expect(positionals).toEqual(['a.pem', 'b.pem']);
  });

  it('turns an unknown flag into a UsageError carrying the usage', () => {
    try {
      parseFlags(['--colour'], options, 'the usage', true);
      throw new Error('expected a UsageError');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toContain("'--colour'");
      expect((error as UsageError).usage).toBe('the usage');
    }
  });

  it('rejects a flag without its value and stray positionals when none are allowed', () => {
    expect(() => parseFlags(['--format'], options, 'u', true)).toThrow(UsageError);
    expect(() => parseFlags(['x'], options, 'u', false)).toThrow(UsageError);
  });
});
