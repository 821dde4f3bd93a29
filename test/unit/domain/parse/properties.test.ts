import fc from 'fast-check';
import type { ParseReason } from '#domain/model';
import { parseCertificateDer, parseMaterial } from '#domain/parse';
import { fixtureCases } from './fixture-files';

const REASONS: ParseReason[] = [
  'bad_pem',
  'bad_base64',
  'bad_der',
  'bad_jwks',
  'no_certificate',
  'unsupported_certificate',
  'too_large',
];
const cases = fixtureCases();
const pemTexts = cases.filter((c) => c.input.includes('-----BEGIN')).map((c) => c.input);
const ders = cases.flatMap((c) => c.ders);
const NUM_RUNS = 300;

/** Parses, asserting the call returns well-formed data within a second. */
function parseQuickly(input: string | Uint8Array): void {
  const started = performance.now();
  const result = parseMaterial(input);
  expect(performance.now() - started).toBeLessThan(1000);
  for (const { facts } of result.certificates) {
    expect(facts.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isNaN(facts.notBefore.getTime())).toBe(false);
    expect(Number.isNaN(facts.notAfter.getTime())).toBe(false);
  }
  for (const error of result.errors) expect(REASONS).toContain(error.reason);
  expect(result.certificates.length + result.errors.length).toBeGreaterThan(0);
}

const mutate = (bytes: Uint8Array, edits: [number, number][]) => {
  const copy = new Uint8Array(bytes);
  for (const [at, value] of edits) copy[at % copy.length] = value;
  return copy;
};

describe('parseMaterial never throws and never hangs', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), parseQuickly), { numRuns: NUM_RUNS });
  });

  it('on random text, including PEM-looking text', () => {
    const pemish = fc
      .array(
        fc.constantFrom(
          '-----BEGIN CERTIFICATE-----',
          '-----END CERTIFICATE-----',
          'MIIB',
          '\n',
          '{',
          '"keys"',
          '=',
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(''));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 2000 }), pemish), parseQuickly), {
      numRuns: NUM_RUNS,
    });
  });

  it('on truncated fixture PEM', () => {
    const arb = fc
      .tuple(fc.constantFrom(...pemTexts), fc.nat())
      .map(([text, n]) => text.slice(0, n % (text.length + 1)));
    fc.assert(fc.property(arb, parseQuickly), { numRuns: NUM_RUNS });
  });

  it('on byte-mutated fixture PEM text', () => {
    const arb = fc
      .tuple(
        fc.constantFrom(...pemTexts),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      )
      .map(([text, edits]) => mutate(Buffer.from(text), edits));
    fc.assert(fc.property(arb, parseQuickly), { numRuns: NUM_RUNS });
  });

  it('on truncated and byte-mutated fixture DER (raw, base64 and re-armored)', () => {
    const arb = fc
      .tuple(
        fc.constantFrom(...ders),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(),
        fc.constantFrom('der', 'base64', 'pem'),
      )
      .map(([der, edits, cut, form]) => {
        const bytes = mutate(der, edits).subarray(0, Math.max(1, cut % (der.length + 1)));
        const b64 = Buffer.from(bytes).toString('base64');
        if (form === 'der') return bytes;
        return form === 'base64' ? b64 : `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
      });
    fc.assert(fc.property(arb, parseQuickly), { numRuns: NUM_RUNS });
  });

  it('parseCertificateDer returns facts or an error for mutated DER', () => {
    const arb = fc
      .tuple(
        fc.constantFrom(...ders),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      )
      .map(([der, edits]) => mutate(der, edits));
    fc.assert(
      fc.property(arb, (der) => {
        const result = parseCertificateDer(der);
        if ('reason' in result) expect(REASONS).toContain(result.reason);
        else expect(result.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('adversarial inputs near the size limit finish quickly', () => {
  const MIB = 1024 * 1024;
  const der = ders[0]!;
  it.each([
    ['a flood of BEGIN lines', '-----BEGIN CERTIFICATE-----\n'.repeat((4 * MIB) / 28)],
    ['BEGIN markers with no label end', '-----BEGIN '.repeat((4 * MIB) / 11)],
    [
      'one huge bad PEM block',
      `-----BEGIN CERTIFICATE-----\n${'A'.repeat(4 * MIB - 60)}\n-----END CERTIFICATE-----`,
    ],
    ['4 MiB of base64', 'QUFB'.repeat(MIB)],
    [
      'a JWK set with many keys',
      JSON.stringify({ keys: Array.from({ length: 20_000 }, () => ({ x5c: ['AAAA'] })) }),
    ],
    [
      'deeply nested DER',
      new Uint8Array(Buffer.concat([Buffer.from('3084003fffff', 'hex'), Buffer.alloc(4 * MIB - 8, 0x30)])),
    ],
    [
      'thousands of copies of one certificate',
      new Uint8Array(Buffer.concat(Array.from({ length: 6000 }, () => der)).subarray(0, 4 * MIB)),
    ],
  ])('%s', (_name, input) => parseQuickly(input));
});
