/**
 * Test helper: every certificate-bearing fixture under test/fixtures, with the DER blocks OpenSSL
 * should see (split here independently of the parser under test) and OpenSSL's own answers.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from '#support/facts';

/** One fixture input: what the parser gets, and the DER of each certificate in order. */
export interface FixtureCase {
  readonly name: string;
  readonly input: string;
  readonly ders: Buffer[];
}

/** What `openssl x509 -noout -fingerprint -sha256 -startdate -enddate` prints, parsed. */
export interface OpensslFacts {
  readonly fingerprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** DER of each CERTIFICATE block in `text` (indentation and CRLF removed). */
export function pemCertificates(text: string): Buffer[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** All fixture inputs: *.pem, *.crt, *.spiffe, the Consul roots JSON and the Linkerd install golden. */
export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const path of walk(FIXTURES)) {
    const name = relative(FIXTURES, path);
    const text = readFileSync(path, 'utf8');
    if (/\.(pem|crt)$/.test(path) || path.endsWith('install_default.golden')) {
      cases.push({ name, input: text, ders: pemCertificates(text) });
    } else if (path.endsWith('.spiffe')) {
      const keys = (JSON.parse(text) as { keys: { use?: string; x5c?: string[] }[] }).keys;
      const ders = keys.filter((k) => k.use !== 'jwt-svid').flatMap((k) => k.x5c ?? []);
      cases.push({ name, input: text, ders: ders.map((b) => Buffer.from(b, 'base64')) });
    } else if (path.endsWith('connect-ca-roots.sample.json')) {
      const roots = (JSON.parse(text) as { Roots: { RootCert: string; IntermediateCerts?: string[] }[] })
        .Roots;
      roots.forEach((root, i) => {
        for (const [j, pem] of [root.RootCert, ...(root.IntermediateCerts ?? [])].entries()) {
          cases.push({ name: `${name}#Roots[${i}][${j}]`, input: pem, ders: pemCertificates(pem) });
        }
      });
    }
  }
  return cases;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parses OpenSSL's `Jan  1 00:00:00 1 GMT` (and `00:00:00.001`, a fraction it prints) by hand: `new Date(string)` would read year 1 as 2001. */
export function parseOpensslDate(text: string): Date {
  const m = /^(\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(\.\d+)? (\d{1,4}) GMT$/.exec(text.trim());
  if (!m) throw new Error(`unexpected openssl date: ${text}`);
  const millis = m[6] ? Math.floor(Number(`0${m[6]}`) * 1000) : 0;
  const date = new Date(Date.UTC(2000, 0, 1, Number(m[3]), Number(m[4]), Number(m[5]), millis));
  date.setUTCFullYear(Number(m[7]), MONTHS.indexOf(m[1]!), Number(m[2]));
  return date;
}

/** Runs OpenSSL on one DER certificate. */
export function opensslFacts(der: Buffer): OpensslFacts {
  const out = execFileSync(
    'openssl',
    ['x509', '-inform', 'DER', '-noout', '-fingerprint', '-sha256', '-startdate', '-enddate'],
    { input: der, encoding: 'utf8' },
  );
  const field = (key: string) => {
    const line = out.split('\n').find((l) => l.startsWith(key));
    if (!line) throw new Error(`openssl printed no ${key}: ${out}`);
    return line.slice(line.indexOf('=') + 1);
  };
  return {
    fingerprint: field('sha256 Fingerprint').replace(/:/g, '').toLowerCase(),
    notBefore: parseOpensslDate(field('notBefore')),
    notAfter: parseOpensslDate(field('notAfter')),
  };
}
