/**
 * Name comparison as RFC 5280 §7.1 asks and as openssl does it (`X509_NAME_cmp` on the canonical
 * encoding): string values are compared after trimming, collapsing inner whitespace and folding
 * ASCII case, whatever their string type; other values byte for byte. Two names are equal when
 * their keys are.
 */
import type { CertificateFacts } from '../model';
import { decodeOid, readChildren, readTlv, type Tlv, toHex } from '../parse/der-reader';
import { decodeString } from '../parse/distinguished-name';

// openssl's ASN1_MASK_CANON: UTF8, BMP, Universal, Printable, T61, IA5 and Visible strings.
const CANONICAL_TAGS = new Set([0x0c, 0x1e, 0x1c, 0x13, 0x14, 0x16, 0x1a]);

/** Comparison key of a Name given as the hex of its DER (facts' `subjectKey` / `issuerKey`). */
export function nameKey(derHex: string, cache?: Map<string, string>): string {
  const known = cache?.get(derHex);
  if (known !== undefined) return known;
  const key = canonical(Buffer.from(derHex, 'hex')) ?? `raw:${derHex}`;
  cache?.set(derHex, key);
  return key;
}

// The chain step and the rules each need a certificate's subject key: computed once per facts object.
const subjectKeys = new WeakMap<CertificateFacts, string>();

/** {@link nameKey} of `facts.subject`, remembered for the lifetime of the facts object. */
export function subjectNameKey(facts: CertificateFacts, cache?: Map<string, string>): string {
  let key = subjectKeys.get(facts);
  if (key === undefined) {
    key = nameKey(facts.subjectKey, cache);
    subjectKeys.set(facts, key);
  }
  return key;
}

function canonical(bytes: Uint8Array): string | undefined {
  const name = readTlv(bytes, 0);
  const rdns = name?.tag === 0x30 ? readChildren(bytes, name) : undefined;
  if (!rdns) return undefined;
  const parts: string[] = [];
  for (const rdn of rdns) {
    const avas = readChildren(bytes, rdn);
    if (!avas) return undefined;
    const texts: string[] = [];
    for (const ava of avas) {
      const text = attribute(bytes, ava);
      if (text === undefined) return undefined;
      texts.push(text);
    }
    parts.push(texts.sort().join('+'));
  }
  return parts.join(',');
}

function attribute(bytes: Uint8Array, ava: Tlv): string | undefined {
  const type = readTlv(bytes, ava.valueStart, ava.end);
  const value = type && readTlv(bytes, type.end, ava.end);
  const oid = type?.tag === 0x06 ? decodeOid(bytes, type.valueStart, type.end) : undefined;
  if (!value || !oid) return undefined;
  const text = CANONICAL_TAGS.has(value.tag) ? decodeString(bytes, value) : undefined;
  if (text === undefined) return `${oid}=#${toHex(bytes, value.start, value.end)}`;
  return `${oid}=${JSON.stringify(fold(text))}`;
}

// openssl's asn1_string_canon: strip leading and trailing white space, collapse inner runs to one
// space, lower-case ASCII letters only.
function fold(text: string): string {
  return text
    .replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '')
    .replace(/[ \t\n\v\f\r]+/g, ' ')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}
