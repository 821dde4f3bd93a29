/**
 * Key algorithm, size and curve from a SubjectPublicKeyInfo as pkijs exposes it. RSA size is the
 * modulus bit length; EC size and name come from the named-curve OID.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import type { CertificateFacts } from '../model';
import { readChildren, readTlv, type Tlv } from './der-reader';

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

/** Reads algorithm, size and curve; unknown algorithms give `unknown` (never an error). */
export function readPublicKey(spki: pkijs.PublicKeyInfo): KeyFacts {
  const oid = spki.algorithm.algorithmId;
  const params = spki.algorithm.algorithmParams as unknown;
  const key = spki.subjectPublicKey.valueBlock.valueHexView;
  switch (oid) {
    case '1.2.840.113549.1.1.1': // rsaEncryption
    case '1.2.840.113549.1.1.10': // RSASSA-PSS keys
      return { keyAlgorithm: 'RSA', keySize: rsaModulusBits(key) };
    case '1.2.840.10045.2.1': {
      const curveOid = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : undefined;
      const curve = curveOid ? CURVES[curveOid] : undefined;
      if (curve) return { keyAlgorithm: 'EC', keySize: curve.bits, curve: curve.name };
      return curveOid ? { keyAlgorithm: 'EC', curve: curveOid } : { keyAlgorithm: 'EC' };
    }
    case '1.3.101.112':
      return { keyAlgorithm: 'Ed25519' };
    case '1.3.101.113':
      return { keyAlgorithm: 'Ed448' };
    case '1.2.840.10040.4.1':
      return { keyAlgorithm: 'DSA', keySize: dsaPrimeBits(params) };
    default:
      return { keyAlgorithm: 'unknown' };
  }
}

/** RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } → bits of the modulus. */
function rsaModulusBits(key: Uint8Array): number | undefined {
  const outer = readTlv(key, 0);
  const modulus = outer?.tag === 0x30 ? readChildren(key, outer)?.[0] : undefined;
  return modulus?.tag === 0x02 ? integerBits(key, modulus) : undefined;
}

function dsaPrimeBits(params: unknown): number | undefined {
  if (!(params instanceof asn1js.Sequence)) return undefined;
  const p = params.valueBlock.value[0];
  if (!(p instanceof asn1js.Integer)) return undefined;
  const bytes = p.valueBlock.valueHexView;
  return integerBits(bytes, { tag: 0x02, start: 0, valueStart: 0, end: bytes.length });
}

/** Bit length of a non-negative INTEGER, ignoring the sign byte and leading zero bits. */
function integerBits(bytes: Uint8Array, tlv: Tlv): number | undefined {
  let i = tlv.valueStart;
  while (i < tlv.end && bytes[i] === 0) i++;
  if (i === tlv.end) return undefined;
  return (tlv.end - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}
