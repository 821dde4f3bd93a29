import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateFacts, ParseReason } from '../../../../lambda/domain/model';
import { MAX_INPUT_BYTES, parseMaterial } from '../../../../lambda/domain/parse';
import { FIXTURES, pemCertificates } from './fixture-files';

const read = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const ROOT_PEM = read('istio/istio/samples/certs/root-cert.pem');
const INT_PEM = read('istio/istio/samples/certs/ca-cert.pem');
const [ROOT_DER, INT_DER] = [pemCertificates(ROOT_PEM)[0]!, pemCertificates(INT_PEM)[0]!];
const SPIFFE = read('spiffe/spire/test/integration/suites/spire-server-cli/conf/fixture/ca.spiffe');
const GOLDEN = read('linkerd/linkerd2/cli/cmd/testdata/install_default.golden');
const goldenData = (key: string) => new RegExp(`^  ${key}: (\\S+)$`, 'm').exec(GOLDEN)![1]!;
const toPem = (der: Buffer, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
// OpenSSL's trust info (X509_CERT_AUX) after the certificate: a SEQUENCE with a serverAuth OID.
const TRUST_AUX = Buffer.from('300c300a06082b06010505070301', 'hex');

const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaKey = generateKeyPairSync('rsa', { modulusLength: 1024 });
const KEY_BLOCKS = [
  key.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  key.privateKey.export({ format: 'pem', type: 'sec1' }) as string,
  rsaKey.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
  rsaKey.privateKey.export({
    format: 'pem',
    type: 'pkcs8',
    cipher: 'aes-256-cbc',
    passphrase: 'x',
  }) as string,
];
const keyBody = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----'));

interface Case {
  readonly name: string;
  readonly input: string | Uint8Array;
  readonly certs: readonly (readonly [position: number, der: Buffer])[];
  readonly errors?: readonly (readonly [reason: ParseReason, position: number])[];
}

const cases: Case[] = [
  {
    name: 'PEM bundle with CRLF',
    input: (INT_PEM + ROOT_PEM).replace(/\n/g, '\r\n'),
    certs: [
      [0, INT_DER],
      [1, ROOT_DER],
    ],
  },
  {
    name: 'text before and between blocks',
    input: `# bundle\n${INT_PEM}middle text\n\n${ROOT_PEM}trailer`,
    certs: [
      [0, INT_DER],
      [1, ROOT_DER],
    ],
  },
  {
    name: 'indented PEM (YAML block scalar)',
    input: `ca: |\n${ROOT_PEM.replace(/^/gm, '    ')}`,
    certs: [[0, ROOT_DER]],
  },
  {
    name: 'TRUSTED CERTIFICATE with trust info',
    input: toPem(Buffer.concat([ROOT_DER, TRUST_AUX]), 'TRUSTED CERTIFICATE'),
    certs: [[0, ROOT_DER]],
  },
  { name: 'X509 CERTIFICATE label', input: toPem(ROOT_DER, 'X509 CERTIFICATE'), certs: [[0, ROOT_DER]] },
  { name: 'PEM as bytes', input: Buffer.from(ROOT_PEM), certs: [[0, ROOT_DER]] },
  {
    name: 'base64 of PEM',
    input: Buffer.from(INT_PEM + ROOT_PEM).toString('base64'),
    certs: [
      [0, INT_DER],
      [1, ROOT_DER],
    ],
  },
  { name: 'base64 of DER', input: ROOT_DER.toString('base64'), certs: [[0, ROOT_DER]] },
  { name: 'raw DER', input: new Uint8Array(ROOT_DER), certs: [[0, ROOT_DER]] },
  {
    name: 'concatenated DER, trailing newline',
    input: Buffer.concat([INT_DER, ROOT_DER, Buffer.from('\n')]),
    certs: [
      [0, INT_DER],
      [INT_DER.length, ROOT_DER],
    ],
  },
  {
    name: 'duplicate blocks',
    input: ROOT_PEM + ROOT_PEM,
    certs: [
      [0, ROOT_DER],
      [1, ROOT_DER],
    ],
  },
  {
    name: 'JWK set: x509-svid kept, jwt-svid ignored',
    input: SPIFFE,
    certs: [
      [
        0,
        pemCertificates(
          read('spiffe/spire/test/integration/suites/spire-server-cli/conf/fixture/ca.pem'),
        )[0]!,
      ],
    ],
  },
  {
    name: 'JWK set: jwt-svid with x5c ignored',
    input: JSON.stringify({
      keys: [
        { use: 'jwt-svid', x5c: [ROOT_DER.toString('base64')] },
        { kty: 'EC', x5c: [INT_DER.toString('base64')] },
      ],
    }),
    certs: [[1, INT_DER]],
  },
  {
    name: 'Kubernetes Secret data (linkerd crt.pem)',
    input: goldenData('crt.pem'),
    certs: [[0, pemCertificates(Buffer.from(goldenData('crt.pem'), 'base64').toString())[0]!]],
  },
  { name: 'empty string', input: '', certs: [], errors: [['no_certificate', 0]] },
  { name: 'whitespace', input: ' \r\n\t', certs: [], errors: [['no_certificate', 0]] },
  { name: 'empty bytes', input: new Uint8Array(0), certs: [], errors: [['no_certificate', 0]] },
  { name: 'prose', input: 'hello, world!', certs: [], errors: [['no_certificate', 0]] },
  { name: 'base64-shaped garbage', input: 'garbage', certs: [], errors: [['bad_base64', 0]] },
  {
    name: 'base64 of prose',
    input: Buffer.from('just text').toString('base64'),
    certs: [],
    errors: [['bad_base64', 0]],
  },
  {
    name: 'binary garbage',
    input: new Uint8Array([1, 2, 3, 250]),
    certs: [],
    errors: [['no_certificate', 0]],
  },
  {
    name: 'bad base64 inside PEM, next block still read',
    input: `-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n${ROOT_PEM}`,
    certs: [[1, ROOT_DER]],
    errors: [['bad_pem', 0]],
  },
  {
    name: 'BEGIN without END before the next block',
    input: `-----BEGIN CERTIFICATE-----\nMIIB\n${INT_PEM}`,
    certs: [[1, INT_DER]],
    errors: [['bad_pem', 0]],
  },
  {
    name: 'END label mismatch',
    input: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n',
    certs: [],
    errors: [['bad_pem', 0]],
  },
  {
    name: 'PEM of a non-certificate SEQUENCE',
    input: toPem(Buffer.from('3003020101', 'hex')),
    certs: [],
    errors: [['bad_der', 0]],
  },
  {
    name: 'truncated DER',
    input: new Uint8Array(ROOT_DER.subarray(0, 200)),
    certs: [],
    errors: [['bad_der', 0]],
  },
  {
    name: 'DER followed by junk',
    input: Buffer.concat([ROOT_DER, Buffer.from([0x04, 0x01])]),
    certs: [[0, ROOT_DER]],
    errors: [['bad_der', ROOT_DER.length]],
  },
  { name: 'JSON that is not a JWK set', input: '{"Roots": []}', certs: [], errors: [['bad_jwks', 0]] },
  { name: 'broken JSON', input: '{"keys": [', certs: [], errors: [['bad_jwks', 0]] },
  {
    name: 'x5c that is not base64',
    input: '{"keys": [{"use": "x509-svid", "x5c": ["%%%"]}]}',
    certs: [],
    errors: [['bad_base64', 0]],
  },
  { name: 'too large', input: 'A'.repeat(MAX_INPUT_BYTES + 1), certs: [], errors: [['too_large', 0]] },
];

describe('parseMaterial edge cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = parseMaterial(c.input);
    const fingerprint = (der: Buffer) =>
      parseMaterial(new Uint8Array(der)).certificates[0]!.facts.fingerprint;
    expect(result.certificates.map((x) => [x.position, x.facts.fingerprint])).toEqual(
      c.certs.map(([position, der]) => [position, fingerprint(der)]),
    );
    expect(result.errors.map((e) => [e.reason, e.position])).toEqual(c.errors ?? []);
    for (const error of result.errors) expect(error.detail.length).toBeGreaterThan(0);
  });

  it.each(KEY_BLOCKS.map((pem) => [pem.split('\n')[0]!, pem] as const))(
    'skips %s and leaves no trace',
    (_l, pem) => {
      const result = parseMaterial(INT_PEM + pem + ROOT_PEM);
      expect(result.errors).toEqual([]);
      expect(result.certificates.map((c) => c.position)).toEqual([0, 2]);
      const json = JSON.stringify(result);
      for (const line of keyBody(pem)) expect(json).not.toContain(line);
      const keyOnly = parseMaterial(pem);
      expect(keyOnly.certificates).toEqual([]);
      expect(keyOnly.errors.map((e) => e.reason)).toEqual(['no_certificate']);
      for (const line of keyBody(pem)) expect(JSON.stringify(keyOnly)).not.toContain(line);
    },
  );

  it('skips the base64 key.pem of a Kubernetes Secret without a trace', () => {
    const data = goldenData('key.pem');
    const result = parseMaterial(data);
    expect(result.errors.map((e) => e.reason)).toEqual(['no_certificate']);
    const body = keyBody(Buffer.from(data, 'base64').toString());
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) expect(JSON.stringify(result)).not.toContain(line);
  });

  it('parses repeated material once: duplicates share facts, the cache is used across calls', () => {
    const cache = new Map<string, CertificateFacts>();
    const first = parseMaterial(ROOT_PEM + ROOT_PEM, cache);
    expect(first.certificates[0]!.facts).toBe(first.certificates[1]!.facts);
    expect(cache.size).toBe(1);
    const fingerprint = first.certificates[0]!.facts.fingerprint;
    // A planted entry proves the cached facts are returned instead of parsing the DER again.
    cache.set(fingerprint, { ...first.certificates[0]!.facts, subject: 'CN=from cache' });
    const again = parseMaterial(Buffer.from(ROOT_PEM).toString('base64'), cache);
    expect(again.certificates.map((c) => c.facts.subject)).toEqual(['CN=from cache']);
  });
});
