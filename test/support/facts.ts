/**
 * Test helpers: CertificateFacts from minted certificates or fixture files, via the real parser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateFacts } from '#domain/model';
import { parseCertificateDer, parseMaterial } from '#domain/parse';
import type { MintedCert } from './mint';

/** Parses a minted certificate; throws (in tests only) if the parser rejects it. */
export function factsOf(cert: MintedCert): CertificateFacts {
  const facts = parseCertificateDer(cert.der);
  if ('reason' in facts) throw new Error(`parser rejected minted ${cert.subject}: ${facts.detail}`);
  return facts;
}

/** Root of the copied upstream fixtures. */
export const FIXTURES = join(__dirname, '..', 'fixtures');

/** Reads a fixture file (path relative to test/fixtures). */
export function fixtureText(relative: string): string {
  return readFileSync(join(FIXTURES, relative), 'utf8');
}

/** Every certificate in a fixture file, in file order. */
export function fixtureFacts(relative: string): CertificateFacts[] {
  const parsed = parseMaterial(fixtureText(relative));
  if (parsed.errors.length > 0) throw new Error(`fixture ${relative}: ${parsed.errors[0]!.detail}`);
  return parsed.certificates.map((c) => c.facts);
}
