/**
 * JWK set (SPIFFE trust bundle) → DER blocks from each key's `x5c`. Keys with `use: "jwt-svid"`
 * carry no certificate and are ignored; any other key with `x5c` counts (SPIRE marks them
 * `use: "x509-svid"`). Positions are key indexes in `keys`.
 */
import type { ParseError } from '../model';
import { decodeBase64 } from './base64';
import { type DerBlock, firstSequence, MAX_BLOCKS, type SplitResult, splitError } from './der-blocks';

/** Splits a JWK set's x5c certificates; a text that is not a JWK set is one `bad_jwks` error. */
export function splitJwkSet(text: string): SplitResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { blocks: [], errors: [splitError('bad_jwks', 0, 'JSON text does not parse')] };
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) {
    return { blocks: [], errors: [splitError('bad_jwks', 0, 'JSON is not a JWK set (no "keys" array)')] };
  }
  const blocks: DerBlock[] = [];
  const errors: ParseError[] = [];
  keys.slice(0, MAX_BLOCKS).forEach((key, index) => {
    readKey(key, index, blocks, errors);
  });
  if (keys.length > MAX_BLOCKS)
    errors.push(splitError('too_large', MAX_BLOCKS, `more than ${MAX_BLOCKS} keys`));
  return { blocks, errors };
}

function readKey(key: unknown, index: number, blocks: DerBlock[], errors: ParseError[]): void {
  if (typeof key !== 'object' || key === null) {
    errors.push(splitError('bad_jwks', index, 'key is not a JSON object'));
    return;
  }
  const { use, x5c } = key as { use?: unknown; x5c?: unknown };
  if (use === 'jwt-svid' || x5c === undefined) return;
  if (!Array.isArray(x5c) || x5c.some((entry) => typeof entry !== 'string')) {
    errors.push(splitError('bad_jwks', index, 'x5c is not an array of strings'));
    return;
  }
  for (const entry of x5c as string[]) {
    const bytes = decodeBase64(entry);
    const der = bytes && firstSequence(bytes);
    if (der) blocks.push({ der, position: index });
    else errors.push(splitError(bytes ? 'bad_der' : 'bad_base64', index, 'x5c entry is not base64 DER'));
  }
}
