/** Word wrap for the digest: never wider than the line, never loses a character. */
import fc from 'fast-check';
import { relativeDays, wrap } from '#domain/digest/text-layout';

describe('wrap', () => {
  it('breaks at spaces and indents continuation lines', () => {
    expect(wrap('aaa bbb ccc ddd', '  ', '- ', 9)).toEqual(['- aaa bbb', '  ccc ddd']);
  });

  it('keeps every line within the width and every character, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 20, max: 100 }), (text, width) => {
        const lines = wrap(text, '    ', '  - ', width);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        const kept = lines.map((l) => l.slice(4)).join('');
        expect(kept.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
    );
  });
});

describe('relativeDays', () => {
  const now = new Date('2026-11-24T06:00:00Z');
  it.each([
    ['2026-11-24T12:00:00Z', 'today'],
    ['2026-11-25T06:00:00Z', 'in 1 day'],
    ['2026-12-06T06:00:00Z', 'in 12 days'],
    ['2026-11-21T06:00:00Z', '3 days ago'],
    ['2026-11-24T04:00:00Z', 'today'],
    ['2026-11-22T04:00:00Z', '2 days ago'],
  ])('%s is %s', (iso, expected) => {
    expect(relativeDays(now, new Date(iso))).toBe(expected);
  });
});
