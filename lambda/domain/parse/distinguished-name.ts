/**
 * X.501 Name (DER) → RFC 4514 string, most specific RDN first (`CN=…,O=…,C=…`), multi-valued RDNs
 * joined with `+`. Short names: CN, O, OU, L, ST, C, STREET, SERIALNUMBER, DC, UID, and `E` for
 * emailAddress (not in RFC 4514, but what people recognise). Any other type is written the RFC 4514
 * way for unknown types: dotted OID and `#` + hex of the value's DER (e.g. `2.5.4.4=#0c03446f65`).
 */
import { decodeOid, readChildren, readTlv, type Tlv, toHex } from './der-reader';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
};

/** RFC 4514 text of the Name whose DER TLV is `name`; `undefined` when the Name is malformed. */
export function formatDistinguishedName(bytes: Uint8Array, name: Tlv): string | undefined {
  const rdns = readChildren(bytes, name);
  if (!rdns) return undefined;
  const parts: string[] = [];
  for (let i = rdns.length - 1; i >= 0; i--) {
    const avas = readChildren(bytes, rdns[i]!);
    if (!avas) return undefined;
    const texts: string[] = [];
    for (const ava of avas) {
      const text = formatAttribute(bytes, ava);
      if (text === undefined) return undefined;
      texts.push(text);
    }
    parts.push(texts.join('+'));
  }
  return parts.join(',');
}

function formatAttribute(bytes: Uint8Array, ava: Tlv): string | undefined {
  const typeTlv = readTlv(bytes, ava.valueStart, ava.end);
  if (typeTlv?.tag !== 0x06) return undefined;
  const valueTlv = readTlv(bytes, typeTlv.end, ava.end);
  const oid = decodeOid(bytes, typeTlv.valueStart, typeTlv.end);
  if (!valueTlv || !oid) return undefined;
  const short = SHORT_NAMES[oid];
  const text = short ? decodeString(bytes, valueTlv) : undefined;
  if (short && text !== undefined) return `${short}=${escapeValue(text)}`;
  return `${short ?? oid}=#${toHex(bytes, valueTlv.start, valueTlv.end)}`;
}

/** Decodes the ASN.1 character string types found in Names; `undefined` for anything else. */
export function decodeString(bytes: Uint8Array, tlv: Tlv): string | undefined {
  const content = Buffer.from(bytes.buffer, bytes.byteOffset + tlv.valueStart, tlv.end - tlv.valueStart);
  switch (tlv.tag) {
    case 0x0c: // UTF8String
      return content.toString('utf8');
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // TeletexString: in practice Latin-1
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      return content.toString('latin1');
    case 0x1e: // BMPString: UTF-16BE
      return content.length % 2 === 0 ? Buffer.from(content).swap16().toString('utf16le') : undefined;
    case 0x1c: // UniversalString: UTF-32BE
      return decodeUtf32(content);
    default:
      return undefined;
  }
}

function decodeUtf32(content: Buffer): string | undefined {
  if (content.length % 4 !== 0) return undefined;
  let text = '';
  for (let i = 0; i < content.length; i += 4) {
    const codePoint = content.readUInt32BE(i);
    if (codePoint > 0x10ffff) return undefined;
    text += String.fromCodePoint(codePoint);
  }
  return text;
}

/** RFC 4514 2.4 escaping, plus control characters as `\hh` so names are safe to print and log. */
export function escapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).padStart(2, '0')}`;
    else if ('"+,;<>\\'.includes(ch)) out += `\\${ch}`;
    else if ((i === 0 && (ch === '#' || ch === ' ')) || (i === value.length - 1 && ch === ' '))
      out += `\\${ch}`;
    else out += ch;
  }
  return out;
}
