/**
 * PEM text → DER blocks. Finds every `-----BEGIN X-----` … `-----END X-----` anywhere in the text
 * (CRLF, indentation and prose around blocks are fine). Certificate labels are decoded; private-key
 * blocks are skipped without touching their body; other labels (CSR, CRL, PUBLIC KEY) are ignored.
 * Positions are the index of the block among all PEM blocks in the text.
 */
import type { ParseError } from '../model';
import { decodeBase64 } from './base64';
import { type DerBlock, firstSequence, MAX_BLOCKS, type SplitResult, splitError } from './der-blocks';

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);

/** Splits a PEM bundle into certificate DER blocks and bad_pem/bad_der errors. */
export function splitPem(text: string): SplitResult {
  const blocks: DerBlock[] = [];
  const errors: ParseError[] = [];
  let cursor = text.indexOf(BEGIN);
  for (let index = 0; cursor >= 0; index++) {
    if (index >= MAX_BLOCKS) {
      errors.push(splitError('too_large', index, `more than ${MAX_BLOCKS} PEM blocks`));
      break;
    }
    const nextBegin = text.indexOf(BEGIN, cursor + BEGIN.length);
    // Searches stay inside this block's segment, so a flood of BEGIN lines costs linear time.
    const segment = text.slice(cursor + BEGIN.length, nextBegin < 0 ? text.length : nextBegin);
    const labelLength = segment.slice(0, 80).indexOf(DASHES);
    const label = labelLength < 0 ? '' : segment.slice(0, labelLength);
    if (labelLength < 0 || label.length > 64 || /[\r\n]/.test(label)) {
      errors.push(splitError('bad_pem', index, 'broken BEGIN line'));
      cursor = nextBegin;
      continue;
    }
    const endMarker = `${END}${label}${DASHES}`;
    const end = segment.indexOf(END, labelLength + DASHES.length);
    if (end < 0 || !segment.startsWith(endMarker, end)) {
      errors.push(splitError('bad_pem', index, `${safeLabel(label)} block has no matching END line`));
      cursor = nextBegin;
      continue;
    }
    const item = readBlock(label, segment.slice(labelLength + DASHES.length, end), index);
    if (item && 'der' in item) blocks.push(item);
    else if (item) errors.push(item);
    cursor = nextBegin;
  }
  return { blocks, errors };
}

/** A certificate block's DER, an error, or `undefined` for blocks that are skipped (keys, CSRs…). */
function readBlock(label: string, body: string, index: number): DerBlock | ParseError | undefined {
  // Key material is never decoded, copied or quoted: the body is dropped right here.
  if (!CERTIFICATE_LABELS.has(label)) return undefined;
  const bytes = decodeBase64(body);
  if (!bytes) return splitError('bad_pem', index, `${label} block is not valid base64`);
  // TRUSTED CERTIFICATE appends OpenSSL trust settings after the certificate: keep the first SEQUENCE.
  const der = firstSequence(bytes);
  return der
    ? { der, position: index }
    : splitError('bad_der', index, `${label} block is not a DER SEQUENCE`);
}

/** Labels are quoted in details only when they look like labels (they are never secrets). */
function safeLabel(label: string): string {
  return /^[A-Z0-9 ]{1,40}$/.test(label) ? label : 'PEM';
}
