/**
 * The fast path: Node's native X509Certificate (OpenSSL) decides whether the DER is a certificate
 * and gives the facts it reads directly: the CA flag as OpenSSL judges it and the serial.
 * Validity is not taken from it: Node 20's `validFrom` strings turn year 0001 into 2001, and
 * Node 22's `validFromDate` drops the sub-second part OpenSSL prints (whole seconds from a `tm`);
 * the DER reading is exact for both. Pure computation, no I/O.
 */
import { X509Certificate } from 'node:crypto';

/** What the native parser contributes to CertificateFacts. */
export interface NativeFacts {
  readonly isCA: boolean;
  /** As OpenSSL prints it, lower case (`05`, `00`, `-1f`). */
  readonly serialNumber: string;
  /** The parsed certificate itself: the chain step verifies signatures with it instead of parsing again. */
  readonly certificate: X509Certificate;
}

/** Native facts, or `undefined` when OpenSSL does not accept `der` as a certificate. */
export function readNative(der: Uint8Array): NativeFacts | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    return undefined;
  }
  const serial = cert.serialNumber.toLowerCase();
  return { isCA: cert.ca, serialNumber: serial === '0' ? '00' : serial, certificate: cert };
}
