/**
 * Format detection: PEM text, raw DER, base64 of PEM/DER (Kubernetes `data`, webhook caBundle),
 * or a JWK set (SPIFFE bundle). Decides on the first bytes and markers; never throws.
 */
import { decodeBase64, looksLikeBase64 } from './base64';
import { type SplitResult, splitDer, splitError } from './der-blocks';
import { splitJwkSet } from './jwk-set';
import { splitPem } from './pem-blocks';

/** Inputs above this many bytes (or characters) are refused as `too_large`. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

const EMPTY: SplitResult = { blocks: [], errors: [] };

/** Splits any supported material into candidate certificate DER blocks. */
export function splitMaterial(data: string | Uint8Array): SplitResult {
  if (data.length > MAX_INPUT_BYTES) {
    return { blocks: [], errors: [splitError('too_large', 0, `input exceeds ${MAX_INPUT_BYTES} bytes`)] };
  }
  return splitAny(data, false);
}

function splitAny(data: string | Uint8Array, decoded: boolean): SplitResult {
  if (typeof data !== 'string') {
    if (data[0] === 0x30) return splitDer(data);
    return splitText(Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1'), decoded);
  }
  return splitText(data, decoded);
}

function splitText(raw: string, decoded: boolean): SplitResult {
  const text = raw.replace(/^(\uFEFF|\u00EF\u00BB\u00BF)/, '').trim();
  if (text === '') return EMPTY;
  if (text.includes('-----BEGIN ')) return splitPem(text);
  if (text.startsWith('{')) return splitJwkSet(text);
  // One level of base64 only: base64 of PEM/DER/JWKS is what Kubernetes stores; deeper is not material.
  if (!decoded && looksLikeBase64(text)) {
    const bytes = decodeBase64(text);
    if (!bytes) return { blocks: [], errors: [splitError('bad_base64', 0, 'text is not valid base64')] };
    return splitAny(bytes, true);
  }
  const reason = decoded ? 'bad_base64' : 'no_certificate';
  const what = decoded ? 'base64 decodes to' : 'input is';
  return { blocks: [], errors: [splitError(reason, 0, `${what} neither PEM, DER nor a JWK set`)] };
}
