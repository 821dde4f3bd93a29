/**
 * One DER certificate → CertificateFacts, or a ParseError (never throws). pkijs checks the X.509
 * structure; names, validity and extension values are then read from the same bytes with the small
 * DER walker, so each certificate is decoded once.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateFacts, ParseError, ParseReason } from '../model';
import { signatureAlgorithmName } from './algorithm-names';
import { parseAsn1Time } from './asn1-time';
import { readChildren, readTlv, type Tlv, toHex } from './der-reader';
import { formatDistinguishedName } from './distinguished-name';
import { readExtensions } from './extensions';
import { readPublicKey } from './public-key';

/** Lower-case hex SHA-256 of the DER: a certificate's identity. */
export function sha256Hex(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** Parses one DER certificate (the bytes are copied). Errors carry position 0. */
export function parseCertificateDer(der: Uint8Array): CertificateFacts | ParseError {
  const copy = new Uint8Array(der);
  return parseDerWithFingerprint(copy, sha256Hex(copy));
}

/** Parses DER the caller already hashed and owns (it is kept as `facts.der`). */
export function parseDerWithFingerprint(der: Uint8Array, fingerprint: string): CertificateFacts | ParseError {
  let cert: pkijs.Certificate;
  try {
    // parseEmbedded: false stops asn1js from speculatively decoding every BIT/OCTET STRING.
    const asn1 = asn1js.fromBER(der, { parseEmbedded: false, copyInput: false });
    if (asn1.offset === -1) return parseError('bad_der', `not valid DER: ${asn1.result.error}`);
    if (asn1.offset !== der.length) return parseError('bad_der', 'trailing bytes after the certificate');
    cert = new pkijs.Certificate({ schema: asn1.result });
  } catch {
    return parseError('bad_der', 'DER is not an X.509 certificate');
  }
  try {
    return buildFacts(cert, der, fingerprint);
  } catch (error) {
    return parseError('unsupported_certificate', `cannot read certificate: ${messageOf(error)}`);
  }
}

function buildFacts(
  cert: pkijs.Certificate,
  der: Uint8Array,
  fingerprint: string,
): CertificateFacts | ParseError {
  if (cert.version > 2)
    return parseError('unsupported_certificate', `unknown X.509 version ${cert.version + 1}`);
  const tbs = readTbs(cert.tbsView);
  if (typeof tbs === 'string') return parseError('unsupported_certificate', tbs);
  const extensions = readExtensions(
    (cert.extensions ?? []).map((e) => ({ extnID: e.extnID, value: e.extnValue.valueBlock.valueHexView })),
  );
  const { subjectKeyId, authorityKeyId, pathLen, ...lists } = extensions;
  const key = readPublicKey(cert.subjectPublicKeyInfo);
  return {
    fingerprint,
    der,
    ...tbs,
    serialNumber: serialHex(cert.serialNumber.valueBlock.valueHexView),
    ...lists,
    ...(pathLen !== undefined && { pathLen }),
    keyAlgorithm: key.keyAlgorithm,
    ...(key.keySize !== undefined && { keySize: key.keySize }),
    ...(key.curve !== undefined && { curve: key.curve }),
    signatureAlgorithm: signatureAlgorithmName(cert.signatureAlgorithm.algorithmId),
    ...(subjectKeyId !== undefined && { subjectKeyId }),
    ...(authorityKeyId !== undefined && { authorityKeyId }),
  };
}

type TbsFacts = Pick<
  CertificateFacts,
  'subject' | 'issuer' | 'subjectKey' | 'issuerKey' | 'notBefore' | 'notAfter'
>;

/** Names and validity straight from the TBS bytes (pkijs keeps neither the raw times nor RDN grouping). */
function readTbs(tbs: Uint8Array): TbsFacts | string {
  const outer = readTlv(tbs, 0);
  const fields = outer ? readChildren(tbs, outer) : undefined;
  if (!fields) return 'malformed TBSCertificate';
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const [issuer, validity, subject] = [fields[at + 2], fields[at + 3], fields[at + 4]];
  if (!issuer || !validity || !subject) return 'TBSCertificate is missing fields';
  const times = readChildren(tbs, validity);
  const notBefore = times?.[0] && readTime(tbs, times[0]);
  const notAfter = times?.[1] && readTime(tbs, times[1]);
  if (!notBefore || !notAfter) return 'validity is not a UTCTime/GeneralizedTime in UTC';
  const subjectText = formatDistinguishedName(tbs, subject);
  const issuerText = formatDistinguishedName(tbs, issuer);
  if (subjectText === undefined || issuerText === undefined) return 'malformed subject or issuer name';
  return {
    subject: subjectText,
    issuer: issuerText,
    subjectKey: toHex(tbs, subject.start, subject.end),
    issuerKey: toHex(tbs, issuer.start, issuer.end),
    notBefore,
    notAfter,
  };
}

function readTime(bytes: Uint8Array, tlv: Tlv): Date | undefined {
  return parseAsn1Time(tlv.tag, bytes, tlv.valueStart, tlv.end);
}

/** Hex of the INTEGER without its DER sign byte, as OpenSSL prints it (`-serial`). */
function serialHex(bytes: Uint8Array): string {
  const start = bytes.length > 1 && bytes[0] === 0 ? 1 : 0;
  return toHex(bytes, start);
}

function parseError(reason: ParseReason, detail: string): ParseError {
  return { reason, position: 0, detail };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 120);
}
