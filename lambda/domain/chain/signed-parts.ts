/**
 * The parts of a certificate a signature check needs — the signed TBS bytes, the signature
 * algorithm and value, and the subject's public key — cut out of the DER with the parser's small
 * DER walker. A full pkijs decode of every child certificate cost ~10× the check itself.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readChildren, readTlv, type Tlv } from '../parse/der-reader';

/** What verifying a signature by (or with the key of) one certificate needs. */
export interface SignedParts {
  /** DER of tbsCertificate: the bytes the issuer signed (a copy, as WebCrypto wants an ArrayBuffer). */
  readonly tbs: Uint8Array<ArrayBuffer>;
  readonly signatureAlgorithm: pkijs.AlgorithmIdentifier;
  readonly signature: asn1js.BitString;
  /** DER of subjectPublicKeyInfo; decoded by {@link publicKeyInfo} only for issuers. */
  readonly spki: Uint8Array;
}

const CONTEXT_0 = 0xa0; // [0] EXPLICIT version

/** Cuts `der` into its signed parts; `undefined` when it is not a certificate's DER. */
export function signedParts(der: Uint8Array): SignedParts | undefined {
  const outer = readTlv(der, 0);
  const [tbs, algorithm, value] = (outer && readChildren(der, outer)) ?? [];
  if (!tbs || !algorithm || !value) return undefined;
  const fields = readChildren(der, tbs);
  // version is optional; then serial, signature, issuer, validity, subject, subjectPublicKeyInfo.
  const spki = fields?.[fields[0]?.tag === CONTEXT_0 ? 6 : 5];
  if (!spki) return undefined;
  const signature = decode(der, value);
  if (!(signature instanceof asn1js.BitString)) return undefined;
  return {
    tbs: der.slice(tbs.start, tbs.end),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ schema: decode(der, algorithm) }),
    signature,
    spki: der.subarray(spki.start, spki.end),
  };
}

/** The subject public key of `parts` as pkijs wants it for verification. */
export function publicKeyInfo(parts: SignedParts): pkijs.PublicKeyInfo {
  return new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(parts.spki).result });
}

function decode(der: Uint8Array, tlv: Tlv): asn1js.AsnType {
  return asn1js.fromBER(der.subarray(tlv.start, tlv.end), { parseEmbedded: false }).result;
}
