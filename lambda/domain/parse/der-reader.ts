/**
 * A minimal DER walker for the few places the parser needs raw bytes (block splitting, names,
 * validity, extension values). Never throws: malformed input yields `undefined`.
 */

/** One tag-length-value: `start` of the tag, `valueStart` of the content, `end` one past it. */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly valueStart: number;
  readonly end: number;
}

/** Reads the TLV at `offset`; `undefined` when it is not DER (long tags, indefinite or overlong lengths). */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length): Tlv | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) return undefined;
  const first = bytes[offset + 1]!;
  let length = first;
  let valueStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    // Four length bytes cover 4 GiB, far beyond the input limit; zero means indefinite (not DER).
    if (count === 0 || count > 4 || valueStart + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[valueStart + i]!;
    valueStart += count;
  }
  const end = valueStart + length;
  return end > limit ? undefined : { tag, start: offset, valueStart, end };
}

/** The children of a constructed TLV; `undefined` when any child is malformed. */
export function readChildren(bytes: Uint8Array, parent: Tlv): Tlv[] | undefined {
  const children: Tlv[] = [];
  let offset = parent.valueStart;
  while (offset < parent.end) {
    const child = readTlv(bytes, offset, parent.end);
    if (!child) return undefined;
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** Lower-case hex of `bytes[start, end)`. */
export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('hex');
}

/** Dotted form of an OBJECT IDENTIFIER's content bytes; `undefined` when truncated. */
export function decodeOid(bytes: Uint8Array, start: number, end: number): string | undefined {
  // Built as one string (no arc array): names, extensions and keys decode a dozen OIDs per certificate.
  let text = '';
  let value = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (text === '') {
      const top = value < 80 ? Math.floor(value / 40) : 2;
      text = `${top}.${value - top * 40}`;
    } else text += `.${value}`;
    value = 0;
  }
  const last = bytes[end - 1];
  return text === '' || last === undefined || last & 0x80 ? undefined : text;
}
