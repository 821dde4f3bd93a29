/**
 * The unit the parser works on: one certificate's DER plus where it was found. Raw DER input may
 * hold several certificates back to back; each becomes a block at its byte offset.
 */
import type { ParseError, ParseReason } from '../model';
import { readTlv } from './der-reader';

/** One candidate certificate: a view of its DER (may share the input's memory) and its block index or byte offset. */
export interface DerBlock {
  readonly der: Uint8Array;
  readonly position: number;
}

/** What splitting produced: candidate DER blocks and the pieces that could not be read. */
export interface SplitResult {
  readonly blocks: DerBlock[];
  readonly errors: ParseError[];
}

/** More blocks than any real bundle holds; beyond it the input is reported as `too_large`. */
export const MAX_BLOCKS = 5000;

/** A ParseError from its parts (details never quote the input). */
export function splitError(reason: ParseReason, position: number, detail: string): ParseError {
  return { reason, position, detail };
}

/** A view of the first DER SEQUENCE in `bytes` (trailing data such as OpenSSL trust info dropped). */
export function firstSequence(bytes: Uint8Array): Uint8Array | undefined {
  const tlv = readTlv(bytes, 0);
  return tlv?.tag === 0x30 ? bytes.subarray(0, tlv.end) : undefined;
}

/** Splits concatenated DER certificates; positions are byte offsets. */
export function splitDer(bytes: Uint8Array): SplitResult {
  const blocks: DerBlock[] = [];
  const errors: ParseError[] = [];
  let offset = 0;
  while (offset < bytes.length && !isPadding(bytes, offset)) {
    if (blocks.length >= MAX_BLOCKS) {
      errors.push(splitError('too_large', offset, `more than ${MAX_BLOCKS} DER certificates`));
      break;
    }
    const tlv = readTlv(bytes, offset);
    if (tlv?.tag !== 0x30) {
      errors.push(splitError('bad_der', offset, 'not a complete DER SEQUENCE'));
      break;
    }
    blocks.push({ der: bytes.subarray(offset, tlv.end), position: offset });
    offset = tlv.end;
  }
  return { blocks, errors };
}

/** Trailing whitespace or NUL bytes after the last certificate are tolerated (files end with newlines). */
function isPadding(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0 && b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}
