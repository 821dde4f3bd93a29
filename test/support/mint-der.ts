/**
 * DER building blocks for test/support/mint.ts: names, times, serials, PEM. Test support only.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { KeyUsageName, MintOptions } from './mint';

const ATTRIBUTE_OIDS: Record<string, string> = {
  CN: '2.5.4.3',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  C: '2.5.4.6',
};

/** Encodes an RFC 4514-ish string as an X.501 Name, one attribute per RDN. */
export function toName(subject: string): pkijs.RelativeDistinguishedNames {
  const rdns: asn1js.Set[] = [];
  // RFC 4514 lists the most specific RDN first; DER order is the reverse. One attribute per RDN.
  const parts = subject === '' ? [] : subject.split(/(?<!\\),/).reverse();
  for (const part of parts) {
    const eq = part.indexOf('=');
    const attr = part.slice(0, eq).trim().toUpperCase();
    const oid = ATTRIBUTE_OIDS[attr];
    if (!oid || eq < 0)
      throw new Error(`mint: unsupported name attribute in '${part}' (use CN, O, OU, L, ST, C)`);
    const text = part.slice(eq + 1).replace(/\\,/g, ',');
    const value =
      attr === 'C' ? new asn1js.PrintableString({ value: text }) : new asn1js.Utf8String({ value: text });
    rdns.push(new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type: oid, value }).toSchema()] }));
  }
  // pkijs would put every attribute in one multi-valued RDN; round-trip through BER to keep ours.
  const ber = new asn1js.Sequence({ value: rdns }).toBER(false);
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(ber).result });
}

/** UTCTime or GeneralizedTime as RFC 5280 requires for the year. */
export function toTime(date: Date): pkijs.Time {
  const year = date.getUTCFullYear();
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950).
  return new pkijs.Time({ type: year >= 1950 && year < 2050 ? 0 : 1, value: date });
}

/** A positive DER INTEGER body for a number, hex string, or 16 random bytes. */
export function serialBytes(serial: number | string | undefined): ArrayBuffer {
  let hex: string;
  if (serial === undefined) hex = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex');
  else hex = typeof serial === 'number' ? serial.toString(16) : serial.replace(/^0x/i, '');
  if (hex.length % 2 === 1) hex = `0${hex}`;
  // DER INTEGER: minimal encoding (no redundant leading zero byte), and positive.
  hex = hex.replace(/^(00)+(?=[0-7])/, '').replace(/^(00)+$/, '00');
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return hexBytes(hex);
}

/** Hex → ArrayBuffer. */
export function hexBytes(hex: string): ArrayBuffer {
  const bytes = Buffer.from(hex, 'hex');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Dotted IPv4 → 4 bytes; IPv6 (with `::` compression) → 16 bytes. */
export function ipBytes(ip: string): ArrayBuffer {
  if (!ip.includes(':')) return new Uint8Array(ip.split('.').map(Number)).buffer;
  const halves = ip.split('::');
  const groups = (part = '') => (part === '' ? [] : part.split(':'));
  const [left, right] = [groups(halves[0]), groups(halves[1])];
  const zeros = halves.length === 2 ? 8 - left.length - right.length : 0;
  const all = [...left, ...Array<string>(Math.max(zeros, 0)).fill('0'), ...right];
  if (halves.length > 2 || all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/i.test(g)))
    throw new Error(`mint: not an IPv6 address ('${ip}')`);
  return hexBytes(all.map((g) => g.padStart(4, '0')).join(''));
}

/** DER → PEM with 64-column lines. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** The v3 extensions a minted certificate carries (basicConstraints, keyUsage, SKI/AKI, SAN). */
export function extensions(options: MintOptions, ski: string | undefined): pkijs.Extension[] {
  const list: pkijs.Extension[] = [];
  if (options.basicConstraints !== false) {
    const bc = new pkijs.BasicConstraints({ cA: options.isCA ?? false, pathLenConstraint: options.pathLen });
    list.push(ext('2.5.29.19', true, bc.toSchema()));
  }
  list.push(ext('2.5.29.15', true, keyUsageBits(options)));
  if (ski) {
    list.push(ext('2.5.29.14', false, new asn1js.OctetString({ valueHex: hexBytes(ski) })));
    const aki = options.issuer ? options.issuer.subjectKeyId : ski;
    if (aki) {
      const akiValue = new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: hexBytes(aki) }),
      });
      list.push(ext('2.5.29.35', false, akiValue.toSchema()));
    }
  }
  const names = altNames(options);
  if (names.length > 0) list.push(ext('2.5.29.17', false, new pkijs.GeneralNames({ names }).toSchema()));
  return list;
}

function altNames(options: MintOptions): pkijs.GeneralName[] {
  const dns = (options.dnsNames ?? []).map((value) => new pkijs.GeneralName({ type: 2, value }));
  const uris = (options.uris ?? []).map((value) => new pkijs.GeneralName({ type: 6, value }));
  const ips = (options.ipAddresses ?? []).map(
    (ip) => new pkijs.GeneralName({ type: 7, value: new asn1js.OctetString({ valueHex: ipBytes(ip) }) }),
  );
  return [...dns, ...uris, ...ips];
}

// RFC 5280 §4.2.1.3 bit order; bit 0 is the high bit of the first byte.
const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'contentCommitment',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
];

// Default: keyCertSign|cRLSign|digitalSignature for CAs, digitalSignature|keyEncipherment otherwise.
function keyUsageBits(options: MintOptions): asn1js.BitString {
  const names =
    options.keyUsage ??
    (options.isCA ? ['digitalSignature', 'keyCertSign', 'cRLSign'] : ['digitalSignature', 'keyEncipherment']);
  const indexes = names.map((name) => KEY_USAGE_BITS.indexOf(name));
  const byte = indexes.reduce((acc, i) => acc | (0x80 >> i), 0);
  // DER: no trailing zero bits, so the unused-bits count follows the highest bit set.
  return new asn1js.BitString({
    valueHex: new Uint8Array([byte]).buffer,
    unusedBits: indexes.length === 0 ? 0 : 7 - Math.max(...indexes),
  });
}

function ext(extnID: string, critical: boolean, value: asn1js.AsnType): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}
