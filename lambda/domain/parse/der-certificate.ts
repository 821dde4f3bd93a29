/**
 * The facts both parse paths read straight from a certificate's DER with the small DER walker:
 * names (RFC 4514 text and their exact DER for issuer linking), validity, the extensions certwatch
 * cares about, the key and the signature algorithm. Node's X509Certificate gives names only as
 * OpenSSL's multi-line text (no RDN grouping, unknown types as text) and no key usage, path length
 * or key identifiers, and building its KeyObject costs more than the whole walk; so these are read
 * here, once, whichever parser vouched for the structure.
 */
import type { CertificateFacts } from '../model';
import { signatureAlgorithmName } from './algorithm-names';
import { parseAsn1Time } from './asn1-time';
import { decodeOid, readChildren, readTlv, type Tlv, toHex } from './der-reader';
import { formatDistinguishedName } from './distinguished-name';
import { type RawExtension, readExtensions } from './extensions';
import { readPublicKey } from './public-key';

/** Every fact but the fingerprint and the few each parse path decides itself (CA flag, serial). */
export type DerFacts = Omit<CertificateFacts, 'fingerprint' | 'der' | 'isCA' | 'serialNumber'> & {
  /** basicConstraints cA, unless a key usage without keyCertSign forbids signing (OpenSSL's rule). */
  readonly derIsCA: boolean;
  /** Content bytes of the serial INTEGER (two's complement, as encoded). */
  readonly serialBytes: Uint8Array;
};

const CONTEXT_0 = 0xa0; // [0] EXPLICIT version
const CONTEXT_3 = 0xa3; // [3] EXPLICIT extensions

/** Reads `der` as Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }; a string says what is wrong. */
export function readDerCertificate(der: Uint8Array): DerFacts | string {
  const outer = readTlv(der, 0);
  const parts = outer?.tag === 0x30 ? readChildren(der, outer) : undefined;
  const [tbs, algorithm] = parts ?? [];
  if (tbs?.tag !== 0x30 || algorithm?.tag !== 0x30) return 'not an X.509 Certificate SEQUENCE';
  const fields = readChildren(der, tbs);
  if (!fields) return 'malformed TBSCertificate';
  const at = fields[0]?.tag === CONTEXT_0 ? 1 : 0;
  const version = at === 1 ? readVersion(der, fields[0]!) : 0;
  if (version === undefined || version > 2)
    return `unknown X.509 version ${version === undefined ? '?' : version + 1}`;
  const [serial, , issuer, validity, subject, spki] = fields.slice(at);
  if (serial?.tag !== 0x02 || !issuer || !validity || !subject || spki?.tag !== 0x30)
    return 'TBSCertificate is missing fields';
  const times = readChildren(der, validity);
  const notBefore = times?.[0] && readTime(der, times[0]);
  const notAfter = times?.[1] && readTime(der, times[1]);
  if (!notBefore || !notAfter) return 'validity is not a UTCTime/GeneralizedTime in UTC';
  const subjectText = formatDistinguishedName(der, subject);
  const issuerText = formatDistinguishedName(der, issuer);
  if (subjectText === undefined || issuerText === undefined) return 'malformed subject or issuer name';
  const { subjectKeyId, authorityKeyId, pathLen, isCA, ...lists } = readExtensions(
    rawExtensions(der, fields.slice(at + 6)),
  );
  const key = readPublicKey(der.subarray(spki.start, spki.end));
  return {
    subject: subjectText,
    issuer: issuerText,
    subjectKey: toHex(der, subject.start, subject.end),
    issuerKey: toHex(der, issuer.start, issuer.end),
    notBefore,
    notAfter,
    serialBytes: der.subarray(serial.valueStart, serial.end),
    ...lists,
    derIsCA: isCA,
    ...(pathLen !== undefined && { pathLen }),
    ...key,
    signatureAlgorithm: signatureAlgorithmName(algorithmOid(der, algorithm) ?? 'unknown'),
    ...(subjectKeyId !== undefined && { subjectKeyId }),
    ...(authorityKeyId !== undefined && { authorityKeyId }),
  };
}

/**
 * Serial as OpenSSL prints it (`openssl x509 -serial`), in lower case: hex of the value without
 * the sign byte, `-` and the magnitude for a negative serial.
 */
export function formatSerial(bytes: Uint8Array): string {
  if (bytes.length === 0) return '00';
  if (bytes[0]! < 0x80) return toHex(bytes, bytes.length > 1 && bytes[0] === 0 ? 1 : 0);
  // Two's complement magnitude: invert every byte and add one.
  const magnitude = Uint8Array.from(bytes, (b) => 255 - b);
  for (let i = magnitude.length - 1; i >= 0; i--) {
    magnitude[i] = (magnitude[i]! + 1) & 0xff;
    if (magnitude[i] !== 0) break;
  }
  return `-${toHex(magnitude, magnitude.length > 1 && magnitude[0] === 0 ? 1 : 0)}`;
}

function readVersion(der: Uint8Array, explicit: Tlv): number | undefined {
  const integer = readTlv(der, explicit.valueStart, explicit.end);
  if (integer?.tag !== 0x02 || integer.end - integer.valueStart !== 1) return undefined;
  return der[integer.valueStart];
}

function readTime(der: Uint8Array, tlv: Tlv): Date | undefined {
  return parseAsn1Time(tlv.tag, der, tlv.valueStart, tlv.end);
}

/** Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
function rawExtensions(der: Uint8Array, optional: readonly Tlv[]): RawExtension[] {
  const wrapper = optional.find((f) => f.tag === CONTEXT_3);
  const list = wrapper && readTlv(der, wrapper.valueStart, wrapper.end);
  const items = list?.tag === 0x30 ? readChildren(der, list) : undefined;
  const extensions: RawExtension[] = [];
  for (const item of items ?? []) {
    const [id, second, third] = readChildren(der, item) ?? [];
    const value = third ?? second;
    if (id?.tag !== 0x06 || value?.tag !== 0x04) continue;
    const extnID = decodeOid(der, id.valueStart, id.end);
    if (extnID) extensions.push({ extnID, value: der.subarray(value.valueStart, value.end) });
  }
  return extensions;
}

function algorithmOid(der: Uint8Array, algorithm: Tlv): string | undefined {
  const oid = readTlv(der, algorithm.valueStart, algorithm.end);
  return oid?.tag === 0x06 ? decodeOid(der, oid.valueStart, oid.end) : undefined;
}
