/** Outside text is cut and cleaned in linear time; every finding's text is capped. */
import { assess } from '#domain/assess';
import { boundedFinding, boundedText, MAX_DETAIL_CHARS, MAX_FINDING_TEXT_CHARS } from '#domain/bounded-text';
import type { Finding } from '#domain/model';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

it.each([
  ['plain', 'plain'],
  ['\u001b[31mred\u001b[0m', '[31mred [0m'],
  ['a\r\nb\tc\u0000d', 'a b c d'],
  ['bidi \u202eevil\u202c end', 'bidi evil end'],
  ['  padded  ', 'padded'],
])('cleans %j', (input, expected) => {
  expect(boundedText(input)).toBe(expected);
});

it('cuts long text with an ellipsis, even 64 MiB of it', () => {
  const out = boundedText(`\u001b${'x'.repeat(64 * 1024 * 1024)}`);
  expect(out).toHaveLength(MAX_DETAIL_CHARS);
  expect(out.endsWith('…')).toBe(true);
  expect(out).not.toMatch(CONTROL);
  expect(boundedText('y'.repeat(50), 10)).toBe(`${'y'.repeat(9)}…`);
});

it('caps a finding message and remediation, leaving short ones untouched', () => {
  const short: Finding = { severity: 'warning', rule: 'r', message: 'ok', remediation: 'do' };
  expect(boundedFinding(short)).toBe(short);
  const long = boundedFinding({ ...short, message: 'm'.repeat(1_000_000), remediation: '\u0007bell' });
  expect(long.message).toHaveLength(MAX_FINDING_TEXT_CHARS);
  expect(long.remediation).toBe('bell');
});

it('assess never returns an uncapped finding', async () => {
  const { findings } = await assess([], { now: new Date('2026-05-01T00:00:00Z') });
  expect(findings.every((f) => f.message.length <= MAX_FINDING_TEXT_CHARS)).toBe(true);
});
