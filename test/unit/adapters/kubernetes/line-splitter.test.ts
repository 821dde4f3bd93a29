/** Streamed line splitting: any chunking gives the same lines; over-long lines are skipped, not held. */
import fc from 'fast-check';
import { LineSplitter } from '#adapters/kubernetes/line-splitter';

function split(chunks: readonly Buffer[], maxLineBytes?: number): { lines: string[]; overlong: number } {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line), maxLineBytes);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { lines, overlong: splitter.overlongLines };
}

it.each([
  ['a\nb\n', ['a', 'b']],
  ['a\r\nb', ['a', 'b']],
  ['\n\nx', ['', '', 'x']],
  ['', []],
])('splits %j into %j', (text, expected) => {
  expect(split([Buffer.from(text)]).lines).toEqual(expected);
});

it('skips a line longer than the cap as it streams, and counts it', () => {
  const long = Buffer.alloc(100, 'x');
  const out = split([Buffer.from('ok 1\n'), long, long, Buffer.from('x\nafter 2\n')], 64);
  expect(out).toEqual({ lines: ['ok 1', 'after 2'], overlong: 1 });
  expect(split([Buffer.alloc(65, 'y')], 64)).toEqual({ lines: [], overlong: 1 });
  expect(split([Buffer.alloc(64, 'y')], 64).lines).toEqual(['y'.repeat(64)]);
});

it('gives the same lines however the body is cut into chunks (multi-byte characters too)', () => {
  const line = fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', ' ', '\r'), maxLength: 20 });
  fc.assert(
    fc.property(fc.array(line, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 8 }), (lines, cuts) => {
      const body = Buffer.from(lines.join('\n'));
      const at = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...at].map((start, i) => body.subarray(start, at[i] ?? body.length));
      expect(split(chunks).lines).toEqual(split([body]).lines);
    }),
  );
});
