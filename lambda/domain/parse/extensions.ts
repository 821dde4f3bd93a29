/**
 * Reads the extensions certwatch cares about (SAN, basic constraints, key usage, SKI, AKI) straight
 * from their DER values. A malformed extension is skipped, like OpenSSL does, so the certificate's
 * dates are still reported.
 */
import { readChildren, readTlv, toHex } from './der-reader';
import { formatIpAddress } from './ip-address';

/** The extension-derived part of CertificateFacts. */
export interface ExtensionFacts {
  dnsNames: string[];
  ipAddresses: string[];
  uris: string[];
  spiffeIds: string[];
  isCA: boolean;
  pathLen?: number;
  keyUsage: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
}

/** One extension: its OID and the content of its extnValue OCTET STRING. */
export interface RawExtension {
  readonly extnID: string;
  readonly value: Uint8Array;
}

const KEY_USAGE_NAMES = [
  'digitalSignature',
  'contentCommitment',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

/** Collects SANs, CA flag (as OpenSSL judges it), path length, key usage and key identifiers; the first of a duplicated OID wins. */
export function readExtensions(extensions: readonly RawExtension[]): ExtensionFacts {
  const facts: ExtensionFacts = {
    dnsNames: [],
    ipAddresses: [],
    uris: [],
    spiffeIds: [],
    isCA: false,
    keyUsage: [],
  };
  const seen = new Set<string>();
  for (const { extnID, value } of extensions) {
    if (seen.has(extnID)) continue;
    seen.add(extnID);
    if (extnID === '2.5.29.17') readSubjectAltName(value, facts);
    else if (extnID === '2.5.29.19') readBasicConstraints(value, facts);
    else if (extnID === '2.5.29.15') facts.keyUsage = readKeyUsage(value);
    else if (extnID === '2.5.29.14') facts.subjectKeyId = readOctetString(value);
    else if (extnID === '2.5.29.35') facts.authorityKeyId = readAuthorityKeyId(value);
  }
  // As OpenSSL's X509_check_ca (Node's X509Certificate.ca): a key usage without keyCertSign
  // means the key may not sign certificates, whatever basicConstraints says.
  if (seen.has('2.5.29.15') && !facts.keyUsage.includes('keyCertSign')) facts.isCA = false;
  return facts;
}

function readSubjectAltName(value: Uint8Array, facts: ExtensionFacts): void {
  const outer = readTlv(value, 0);
  const names = outer?.tag === 0x30 ? readChildren(value, outer) : undefined;
  for (const name of names ?? []) {
    const text = Buffer.from(value.buffer, value.byteOffset + name.valueStart, name.end - name.valueStart);
    if (name.tag === 0x82) facts.dnsNames.push(text.toString('latin1'));
    else if (name.tag === 0x87) {
      const ip = formatIpAddress(value.subarray(name.valueStart, name.end));
      if (ip) facts.ipAddresses.push(ip);
    } else if (name.tag === 0x86) {
      const uri = text.toString('latin1');
      facts.uris.push(uri);
      if (uri.toLowerCase().startsWith('spiffe://')) facts.spiffeIds.push(uri);
    }
  }
}

function readBasicConstraints(value: Uint8Array, facts: ExtensionFacts): void {
  const outer = readTlv(value, 0);
  const fields = outer?.tag === 0x30 ? readChildren(value, outer) : undefined;
  if (!fields) return;
  let index = 0;
  const first = fields[0];
  if (first?.tag === 0x01) {
    facts.isCA = first.end > first.valueStart && value[first.valueStart] !== 0;
    index = 1;
  }
  const pathLen = fields[index];
  // pathLenConstraint is only meaningful (and only allowed) when cA is true.
  if (facts.isCA && pathLen?.tag === 0x02 && pathLen.end - pathLen.valueStart <= 4) {
    let n = 0;
    for (let i = pathLen.valueStart; i < pathLen.end; i++) n = n * 256 + value[i]!;
    facts.pathLen = n;
  }
}

function readKeyUsage(value: Uint8Array): string[] {
  const bits = readTlv(value, 0);
  if (bits?.tag !== 0x03 || bits.end - bits.valueStart < 1) return [];
  const names: string[] = [];
  const dataStart = bits.valueStart + 1;
  KEY_USAGE_NAMES.forEach((name, i) => {
    const byte = value[dataStart + (i >> 3)];
    if (byte !== undefined && dataStart + (i >> 3) < bits.end && (byte >> (7 - (i & 7))) & 1)
      names.push(name);
  });
  return names;
}

function readOctetString(value: Uint8Array): string | undefined {
  const tlv = readTlv(value, 0);
  return tlv?.tag === 0x04 ? toHex(value, tlv.valueStart, tlv.end) : undefined;
}

function readAuthorityKeyId(value: Uint8Array): string | undefined {
  const outer = readTlv(value, 0);
  const fields = outer?.tag === 0x30 ? readChildren(value, outer) : undefined;
  const keyId = fields?.find((f) => f.tag === 0x80);
  return keyId ? toHex(value, keyId.valueStart, keyId.end) : undefined;
}
