import { truncate } from '#domain/report/text-layout';

describe('truncate', () => {
  it.each([
    ['abcdefghij', 10, 'end', 'abcdefghij'],
    ['abcdefghij', 5, 'end', 'abcd…'],
    ['abcdefghij', 5, 'start', '…ghij'],
    ['abcdefghij', 5, 'middle', 'ab…ij'],
    ['abcdefghij', 6, 'middle', 'abc…ij'],
    ['abcdefghij', 1, 'middle', 'a'],
  ] as const)('%j to %d at the %s → %j', (text, width, cut, expected) => {
    const out = truncate(text, width, cut);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(width);
  });
});
