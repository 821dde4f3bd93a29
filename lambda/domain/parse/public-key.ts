/**
 * Key algorithm, size and curve from a SubjectPublicKeyInfo's DER. RSA size is the modulus bit
 * length, DSA size the prime's; EC size and name come from the named-curve OID. Read with the DER
 * walker: Node's `X509Certificate.publicKey` builds an OpenSSL key object, which costs more than
 * parsing the rest of the certificate, for three facts that sit in plain sight in the bytes.
 */
import type { CertificateFacts } from '../model';
import { decodeOid, readChildren, readTlv, type Tlv } from './der-reader';

/** The key part of CertificateFacts. */
export interface KeyFacts {
  keyAlgorithm: CertificateFacts['keyAlgorithm'];
  keySize?: number;
  curve?: string;
}

const CURVES: Readonly<Record<string, { name: string; bits: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
  '1.2.840.10045.3.1.1': { name: 'P-192', bits: 192 },
  '1.3.132.0.33': { name: 'P-224', bits: 224 },
};

/** SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }. */
export function readPublicKey(spki: Uint8Array): KeyFacts {
  const outer = readTlv(spki, 0);
  const [algorithm, bits] = (outer && readChildren(spki, outer)) ?? [];
  const [id, params] = (algorithm?.tag === 0x30 && readChildren(spki, algorithm)) || [];
  const oid = id?.tag === 0x06 ? decodeOid(spki, id.valueStart, id.end) : undefined;
  switch (oid) {
    case '1.2.840.113549.1.1.1': // rsaEncryption
    case '1.2.840.113549.1.1.10': // RSASSA-PSS keys
      return sized('RSA', bits?.tag === 0x03 ? rsaModulusBits(spki, bits) : undefined);
    case '1.2.840.10045.2.1': {
      const curveOid = params?.tag === 0x06 ? decodeOid(spki, params.valueStart, params.end) : undefined;
      const curve = curveOid ? CURVES[curveOid] : undefined;
      if (curve) return { keyAlgorithm: 'EC', keySize: curve.bits, curve: curve.name };
      return curveOid ? { keyAlgorithm: 'EC', curve: curveOid } : { keyAlgorithm: 'EC' };
    }
    case '1.3.101.112':
      return { keyAlgorithm: 'Ed25519' };
    case '1.3.101.113':
      return { keyAlgorithm: 'Ed448' };
    case '1.2.840.10040.4.1': {
      // Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }
      const p = params?.tag === 0x30 ? readChildren(spki, params)?.[0] : undefined;
      return sized('DSA', p?.tag === 0x02 ? integerBits(spki, p) : undefined);
    }
    default:
      return { keyAlgorithm: 'unknown' };
  }
}

function sized(keyAlgorithm: 'RSA' | 'DSA', keySize: number | undefined): KeyFacts {
  return keySize === undefined ? { keyAlgorithm } : { keyAlgorithm, keySize };
}

/** The BIT STRING holds RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }. */
function rsaModulusBits(spki: Uint8Array, bits: Tlv): number | undefined {
  // The first content byte counts unused bits (0 for a key); the DER of RSAPublicKey follows.
  const outer = readTlv(spki, bits.valueStart + 1, bits.end);
  const modulus = outer?.tag === 0x30 ? readChildren(spki, outer)?.[0] : undefined;
  return modulus?.tag === 0x02 ? integerBits(spki, modulus) : undefined;
}

/** Bit length of a non-negative INTEGER, ignoring the sign byte and leading zero bits. */
function integerBits(bytes: Uint8Array, tlv: Tlv): number | undefined {
  let i = tlv.valueStart;
  while (i < tlv.end && bytes[i] === 0) i++;
  if (i === tlv.end) return undefined;
  return (tlv.end - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}
