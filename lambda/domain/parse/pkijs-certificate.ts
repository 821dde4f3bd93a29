/**
 * The slow path, for DER that Node's X509Certificate (OpenSSL) refuses but pkijs still reads as an
 * X.509 certificate — real-world certificates with non-minimal INTEGER encodings, for instance.
 * A monitor should still report when such a certificate expires. pkijs only vouches for the
 * structure here; the facts come from the same DER reading as on the native path.
 */
import type * as Asn1js from 'asn1js';
import type * as Pkijs from 'pkijs';

/** `undefined` when pkijs reads `der` as a certificate, else why not. */
export function pkijsRejection(der: Uint8Array): string | undefined {
  // Loaded on first use: most runs never meet a certificate OpenSSL refuses (≈15 MB of memory).
  const asn1js = require('asn1js') as typeof Asn1js;
  const pkijs = require('pkijs') as typeof Pkijs;
  try {
    // parseEmbedded: false stops asn1js from speculatively decoding every BIT/OCTET STRING.
    const asn1 = asn1js.fromBER(der, { parseEmbedded: false, copyInput: false });
    if (asn1.offset === -1) return `not valid DER: ${asn1.result.error}`;
    if (asn1.offset !== der.length) return 'trailing bytes after the certificate';
    new pkijs.Certificate({ schema: asn1.result });
    return undefined;
  } catch {
    return 'DER is not an X.509 certificate';
  }
}
