/**
 * Test helper: what `openssl x509` prints about one DER certificate, as CertificateFacts-shaped
 * values — the oracle both parse paths are held to (OpenSSL is written by nobody here).
 */
import { execFileSync } from 'node:child_process';
import { formatIpAddress } from '#domain/parse/ip-address';
import { parseOpensslDate } from './fixture-files';

/** OpenSSL's view of a certificate, in certwatch's units and spellings. */
export interface OpensslView {
  fingerprint: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  subject: string;
  issuer: string;
  dnsNames: string[];
  ipAddresses: string[];
  uris: string[];
  isCA: boolean;
  pathLen?: number;
  keyUsage: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
  keyAlgorithm: string;
  keySize?: number;
  signatureAlgorithm: string;
}

const KEY_USAGE: Record<string, string> = {
  'Digital Signature': 'digitalSignature',
  'Non Repudiation': 'contentCommitment',
  'Key Encipherment': 'keyEncipherment',
  'Data Encipherment': 'dataEncipherment',
  'Key Agreement': 'keyAgreement',
  'Certificate Sign': 'keyCertSign',
  'CRL Sign': 'cRLSign',
  'Encipher Only': 'encipherOnly',
  'Decipher Only': 'decipherOnly',
};
const KEY_ALGORITHMS: Record<string, string> = {
  rsaEncryption: 'RSA',
  rsassaPss: 'RSA',
  'id-ecPublicKey': 'EC',
  ED25519: 'Ed25519',
  ED448: 'Ed448',
  dsaEncryption: 'DSA',
};

const hexId = (text: string | undefined) =>
  text
    ?.replace(/^keyid:/, '')
    .replace(/:/g, '')
    .toLowerCase();

/** Runs `openssl x509 -text` (names as RFC 2253, UTF-8 unescaped) on `der` and reads it back. */
export function opensslView(der: Uint8Array): OpensslView {
  const out = execFileSync(
    'openssl',
    [
      'x509',
      '-inform',
      'DER',
      '-noout',
      '-fingerprint',
      '-sha256',
      '-serial',
      '-startdate',
      '-enddate',
      '-nameopt',
      'RFC2253',
      '-nameopt',
      '-esc_msb',
      '-subject',
      '-issuer',
      '-text',
      '-certopt',
      'no_header,no_version,no_serial,no_validity,no_subject,no_issuer,no_sigdump,no_aux',
    ],
    { input: der, encoding: 'utf8' },
  );
  const lines = out.split('\n');
  const field = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.slice(prefix.length);
  const after = (heading: string) => {
    const i = lines.findIndex((l) => l.trim().startsWith(heading));
    return i < 0 ? undefined : lines[i + 1]?.trim();
  };
  const sans = (after('X509v3 Subject Alternative Name') ?? '').split(', ').filter(Boolean);
  const san = (kind: string) => sans.filter((s) => s.startsWith(kind)).map((s) => s.slice(kind.length));
  const constraints = after('X509v3 Basic Constraints') ?? '';
  const pathLen = /pathlen:(\d+)/.exec(constraints)?.[1];
  const bits = /Public-Key: \((\d+) bit\)/.exec(out)?.[1];
  const keyAlgorithm = KEY_ALGORITHMS[/Public Key Algorithm: (\S+)/.exec(out)?.[1] ?? ''] ?? 'unknown';
  const serial = field('serial=')!.toLowerCase();
  const usage = after('X509v3 Key Usage');
  return {
    fingerprint: field('sha256 Fingerprint=')!.replace(/:/g, '').toLowerCase(),
    serialNumber: serial.length % 2 === 1 ? `0${serial}` : serial,
    notBefore: parseOpensslDate(field('notBefore=')!).toISOString(),
    notAfter: parseOpensslDate(field('notAfter=')!).toISOString(),
    // OpenSSL spells emailAddress out where certwatch writes the common short form E.
    subject: field('subject=')!.replace(/(^|,)emailAddress=/g, '$1E='),
    issuer: field('issuer=')!.replace(/(^|,)emailAddress=/g, '$1E='),
    dnsNames: san('DNS:'),
    ipAddresses: san('IP Address:').map(ipText),
    uris: san('URI:'),
    // X509_check_ca: CA:TRUE, and keyCertSign when a key usage is present.
    isCA: /CA:TRUE/.test(constraints) && (!usage || usage.includes('Certificate Sign')),
    ...(pathLen !== undefined && /CA:TRUE/.test(constraints) && { pathLen: Number(pathLen) }),
    keyUsage: (usage ?? '')
      .split(', ')
      .filter(Boolean)
      .map((u) => KEY_USAGE[u] ?? u),
    ...(after('X509v3 Subject Key Identifier') && {
      subjectKeyId: hexId(after('X509v3 Subject Key Identifier')),
    }),
    ...(after('X509v3 Authority Key Identifier') && {
      authorityKeyId: hexId(after('X509v3 Authority Key Identifier')),
    }),
    keyAlgorithm,
    ...(bits !== undefined &&
      keyAlgorithm !== 'Ed25519' &&
      keyAlgorithm !== 'Ed448' && { keySize: Number(bits) }),
    signatureAlgorithm: /Signature Algorithm: (\S+)/.exec(out)![1]!,
  };
}

/** OpenSSL prints IPv6 as eight uncompressed upper-case groups; certwatch as RFC 5952. */
function ipText(text: string): string {
  if (!text.includes(':')) return text;
  const bytes = new Uint8Array(16);
  text.split(':').forEach((group, i) => {
    const n = Number.parseInt(group, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  });
  return formatIpAddress(bytes)!;
}
