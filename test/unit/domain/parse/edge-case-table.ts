/**
 * Test data for edge-cases.test.ts: inputs built from the fixtures, and the table of
 * (input → certificates at positions, errors at positions) the parser must produce.
 */
import type { ParseReason } from '#domain/model';
import { MAX_INPUT_BYTES } from '#domain/parse';
import { fixtureText as read } from '#support/facts';
import { toPem } from '#support/mint-der';
import { pemCertificates } from './fixture-files';

export const ROOT_PEM = read('istio/istio/samples/certs/root-cert.pem');
export const INT_PEM = read('istio/istio/samples/certs/ca-cert.pem');
export const [ROOT_DER, INT_DER] = [pemCertificates(ROOT_PEM)[0]!, pemCertificates(INT_PEM)[0]!];
const SPIFFE = read('spiffe/spire/test/integration/suites/spire-server-cli/conf/fixture/ca.spiffe');
const GOLDEN = read('linkerd/linkerd2/cli/cmd/testdata/install_default.golden');
export const goldenData = (key: string) => new RegExp(`^  ${key}: (\\S+)$`, 'm').exec(GOLDEN)![1]!;
// OpenSSL's trust info (X509_CERT_AUX) after the certificate: a SEQUENCE with a serverAuth OID.
const TRUST_AUX = Buffer.from('300c300a06082b06010505070301', 'hex');

export interface EdgeCase {
  readonly name: string;
  readonly input: string | Uint8Array;
  readonly certs: readonly (readonly [position: number, der: Buffer])[];
  readonly errors?: readonly (readonly [reason: ParseReason, position: number])[];
}

export const EDGE_CASES: EdgeCase[] = [
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
    input: toPem('TRUSTED CERTIFICATE', Buffer.concat([ROOT_DER, TRUST_AUX])),
    certs: [[0, ROOT_DER]],
  },
  { name: 'X509 CERTIFICATE label', input: toPem('X509 CERTIFICATE', ROOT_DER), certs: [[0, ROOT_DER]] },
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
    input: toPem('CERTIFICATE', Buffer.from('3003020101', 'hex')),
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
