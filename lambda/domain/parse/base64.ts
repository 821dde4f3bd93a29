/** Strict base64 (RFC 4648 standard alphabet, padded; whitespace ignored). Node's decoder skips junk silently. */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHAPE = /^[A-Za-z0-9+/=\s]+$/;

/** True when `text` only uses base64 characters and whitespace (it may still be invalid base64). */
export function looksLikeBase64(text: string): boolean {
  return SHAPE.test(text);
}

/** The decoded bytes, or `undefined` when `text` is not valid padded base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}
