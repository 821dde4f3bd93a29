import * as asn1js from 'asn1js';
import { parseCertificateDer } from '#domain/parse';
import { parseAsn1Time } from '#domain/parse/asn1-time';
import { readTlv } from '#domain/parse/der-reader';
import { escapeValue, formatDistinguishedName } from '#domain/parse/distinguished-name';
import { formatIpAddress } from '#domain/parse/ip-address';
import { mint } from '#support/mint';

const FIXED_NOW = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));
const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('parseAsn1Time', () => {
  it.each([
    [0x17, '491231235959Z', '2049-12-31T23:59:59.000Z'],
    [0x17, '500101000000Z', '1950-01-01T00:00:00.000Z'],
    [0x17, '2402291200Z', '2024-02-29T12:00:00.000Z'],
    [0x18, '00010101000000Z', '0001-01-01T00:00:00.000Z'],
    [0x18, '00990615083000Z', '0099-06-15T08:30:00.000Z'],
    [0x18, '99991231235959Z', '9999-12-31T23:59:59.000Z'],
    [0x18, '20500101000000.25Z', '2050-01-01T00:00:00.250Z'],
  ])('tag %i %s → %s', (tag, text, iso) => {
    const bytes = ascii(text);
    expect(parseAsn1Time(tag, bytes, 0, bytes.length)?.toISOString()).toBe(iso);
  });

  it.each([
    [0x17, '230229000000Z'],
    [0x17, '231301000000Z'],
    [0x17, '230101000000+0100'],
    [0x18, '20230101000000'],
    [0x18, '20230101246000Z'],
    [0x04, '230101000000Z'],
  ])('rejects tag %i %s', (tag, text) => {
    const bytes = ascii(text);
    expect(parseAsn1Time(tag, bytes, 0, bytes.length)).toBeUndefined();
  });
});

describe('names and addresses', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b+c;d<e>f"g\\h', 'a\\,b\\+c\\;d\\<e\\>f\\"g\\\\h'],
    ['#lead', '\\#lead'],
    [' both ', '\\ both\\ '],
    ['mid#dle', 'mid#dle'],
    ['nul\u0000x', 'nul\\00x'],
  ])('escapes %j', (value, escaped) => expect(escapeValue(value)).toBe(escaped));

  it('formats multi-valued RDNs, E, and unknown types as OID=#hex', () => {
    const ava = (oid: string, value: asn1js.BaseBlock) =>
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), value] });
    const name = new asn1js.Sequence({
      value: [
        new asn1js.Set({ value: [ava('2.5.4.6', new asn1js.PrintableString({ value: 'DE' }))] }),
        new asn1js.Set({
          value: [
            ava('2.5.4.11', new asn1js.Utf8String({ value: 'Ops' })),
            ava('1.2.840.113549.1.9.1', new asn1js.IA5String({ value: 'ops@example.com' })),
          ],
        }),
        new asn1js.Set({ value: [ava('2.5.4.4', new asn1js.Utf8String({ value: 'Doe' }))] }),
        new asn1js.Set({ value: [ava('2.5.4.3', new asn1js.BmpString({ value: 'Zürich' }))] }),
      ],
    });
    const der = new Uint8Array(name.toBER());
    expect(formatDistinguishedName(der, readTlv(der, 0)!)).toBe(
      'CN=Zürich,2.5.4.4=#0c03446f65,OU=Ops+E=ops@example.com,C=DE',
    );
  });

  it.each([
    ['0a000001', '10.0.0.1'],
    ['fd000000000000000000000000000001', 'fd00::1'],
    ['20010db8000000010000000000000001', '2001:db8:0:1::1'],
    ['00000000000000000000000000000000', '::'],
    ['20010db8000100010001000100010001', '2001:db8:1:1:1:1:1:1'],
    ['0a00000000ff', undefined],
  ])('formats IP %s', (hex, text) => expect(formatIpAddress(Buffer.from(hex, 'hex'))).toBe(text));
});

describe('parseCertificateDer on a minted certificate', () => {
  it('reads every fact from the bytes', async () => {
    const notBefore = new Date(FIXED_NOW.getTime() - 86_400_000);
    const notAfter = new Date(Date.UTC(2060, 5, 30, 23, 0, 0));
    const { der } = await mint({
      subject: 'CN=Mesh CA,O=Acme\\, Inc.',
      notBefore,
      notAfter,
      serialNumber: '00ff01',
      isCA: true,
      pathLen: 2,
      keyUsage: ['keyCertSign', 'cRLSign'],
      key: 'EC-P384',
      signatureHash: 'SHA-384',
      dnsNames: ['ca.example.com'],
      ipAddresses: ['127.0.0.1', '::1'],
      uris: ['spiffe://cluster.local/ns/a/sa/b', 'https://example.com/ca'],
    });
    const facts = parseCertificateDer(der);
    if ('reason' in facts) throw new Error(facts.detail);
    expect(facts).toMatchObject({
      subject: 'CN=Mesh CA,O=Acme\\, Inc.',
      issuer: 'CN=Mesh CA,O=Acme\\, Inc.',
      serialNumber: 'ff01',
      dnsNames: ['ca.example.com'],
      ipAddresses: ['127.0.0.1', '::1'],
      uris: ['spiffe://cluster.local/ns/a/sa/b', 'https://example.com/ca'],
      spiffeIds: ['spiffe://cluster.local/ns/a/sa/b'],
      isCA: true,
      pathLen: 2,
      keyUsage: ['keyCertSign', 'cRLSign'],
      keyAlgorithm: 'EC',
      curve: 'P-384',
      keySize: 384,
      signatureAlgorithm: 'ecdsa-with-SHA384',
    });
    expect(facts.subjectKey).toBe(facts.issuerKey);
    expect(facts.notBefore.toISOString()).toBe(notBefore.toISOString());
    expect(facts.notAfter.toISOString()).toBe('2060-06-30T23:00:00.000Z');
    expect(facts.der).toEqual(der);
  });

  it('reports garbage as bad_der with position 0', () => {
    expect(parseCertificateDer(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toMatchObject({
      reason: 'bad_der',
      position: 0,
    });
  });
});
