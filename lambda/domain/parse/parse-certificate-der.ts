/**
 * One DER certificate → CertificateFacts, or a ParseError (never throws). Node's native
 * X509Certificate vouches for the structure and gives the CA flag and serial; pkijs
 * stands in only for DER that OpenSSL refuses. Names, extensions and the key are read from the
 * same bytes by the DER walker on both paths (der-certificate.ts), so each path decodes once.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import type { CertificateFacts, ParseError, ParseReason } from '../model';
import { formatSerial, readDerCertificate } from './der-certificate';
import { readTlv } from './der-reader';
import { readNative } from './native-certificate';
import { pkijsRejection } from './pkijs-certificate';

/** Which parser vouches for the structure: `auto` is native, then pkijs for what OpenSSL refuses. */
export type ParsePath = 'auto' | 'native' | 'pkijs';

/**
 * Most native certificates handed to the caller through `natives` (about 6 KB of memory each while
 * kept); beyond it the chain step parses what it verifies again, as it does for certificates parsed
 * in an earlier call.
 */
export const MAX_SHARED_NATIVES = 4096;

/** Lower-case hex SHA-256 of the DER: a certificate's identity. */
export function sha256Hex(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** Parses one DER certificate (the bytes are copied). Errors carry position 0. */
export function parseCertificateDer(
  der: Uint8Array,
  path: ParsePath = 'auto',
): CertificateFacts | ParseError {
  const copy = new Uint8Array(der);
  return parseDerWithFingerprint(copy, sha256Hex(copy), path);
}

/**
 * Parses DER the caller already hashed and owns (it is kept as `facts.der`). When OpenSSL read it
 * and `natives` is given (and holds fewer than {@link MAX_SHARED_NATIVES}), the native certificate
 * is put there under the fingerprint.
 */
export function parseDerWithFingerprint(
  der: Uint8Array,
  fingerprint: string,
  path: ParsePath = 'auto',
  natives?: Map<string, X509Certificate>,
): CertificateFacts | ParseError {
  const outer = readTlv(der, 0);
  if (outer?.tag !== 0x30) return parseError('bad_der', 'not a DER SEQUENCE');
  if (outer.end !== der.length) return parseError('bad_der', 'trailing bytes after the certificate');
  const native = path === 'pkijs' ? undefined : readNative(der);
  if (!native) {
    const rejection =
      path === 'native' ? 'OpenSSL does not read it as an X.509 certificate' : pkijsRejection(der);
    if (rejection) return parseError('bad_der', rejection);
  }
  const read = readDerCertificate(der);
  if (typeof read === 'string') return parseError('unsupported_certificate', read);
  const { derIsCA, serialBytes, ...rest } = read;
  if (native && natives && natives.size < MAX_SHARED_NATIVES) natives.set(fingerprint, native.certificate);
  return {
    fingerprint,
    der,
    ...rest,
    serialNumber: native?.serialNumber ?? formatSerial(serialBytes),
    isCA: native?.isCA ?? derIsCA,
  };
}

function parseError(reason: ParseReason, detail: string): ParseError {
  return { reason, position: 0, detail };
}
