/**
 * The two parse paths — Node's native X509Certificate (the fast path) and pkijs (for DER OpenSSL
 * refuses) — give the same facts, and both give OpenSSL's answers: on every fixture certificate
 * and on random minted certificates (names with characters RFC 4514 escapes, SANs, CA flags, key
 * types, serials, validity from year 0001 to 9999 with sub-second parts OpenSSL drops).
 */
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import * as pkijs from 'pkijs';
import type { CertificateFacts, ParseError } from '#domain/model';
import { parseCertificateDer } from '#domain/parse';
import { type KeySpec, type KeyUsageName, type MintOptions, mint } from '#support/mint';
import { fixtureCases } from './fixture-files';
import { type OpensslView, opensslView } from './openssl-x509';

function facts(result: CertificateFacts | ParseError): CertificateFacts {
  if ('reason' in result) throw new Error(`rejected: ${result.reason} ${result.detail}`);
  return result;
}

/**
 * A name as OpenSSL 3 prints it with `-nameopt RFC2253`: the same escaping as ours except a value
 * that is just '#', which RFC 4514 §2.4 requires escaped (`CN=\#`, so it is not read as a
 * hex-encoded value) and OpenSSL leaves bare (`CN=#`; a longer value it escapes: `CN=\#a`).
 */
function opensslName(name: string): string {
  return name.replace(/(^|[,+])([A-Za-z0-9.]+=)\\#(?=$|[,+])/g, '$1$2#');
}

/** The facts OpenSSL also prints, in OpensslView's shape. */
function asOpenssl(f: CertificateFacts): OpensslView {
  return {
    fingerprint: f.fingerprint,
    serialNumber: f.serialNumber,
    notBefore: f.notBefore.toISOString(),
    notAfter: f.notAfter.toISOString(),
    subject: opensslName(f.subject),
    issuer: opensslName(f.issuer),
    dnsNames: [...f.dnsNames],
    ipAddresses: [...f.ipAddresses],
    uris: [...f.uris],
    isCA: f.isCA,
    ...(f.pathLen !== undefined && { pathLen: f.pathLen }),
    keyUsage: [...f.keyUsage],
    ...(f.subjectKeyId !== undefined && { subjectKeyId: f.subjectKeyId }),
    ...(f.authorityKeyId !== undefined && { authorityKeyId: f.authorityKeyId }),
    keyAlgorithm: f.keyAlgorithm,
    ...(f.keySize !== undefined && { keySize: f.keySize }),
    signatureAlgorithm: f.signatureAlgorithm,
  };
}

/** Both paths agree with each other and with OpenSSL on `der`. */
function expectSameFacts(der: Uint8Array): void {
  const native = facts(parseCertificateDer(der, 'native'));
  const viaPkijs = facts(parseCertificateDer(der, 'pkijs'));
  expect(viaPkijs).toEqual(native);
  expect(asOpenssl(native)).toEqual(opensslView(der));
  expect(parseCertificateDer(der)).toEqual(native);
}

describe('native and pkijs paths give OpenSSL’s facts', () => {
  const ders = fixtureCases().flatMap((c) => c.ders.map((der, i) => [`${c.name}[${i}]`, der] as const));

  it('covers every fixture certificate', () => expect(ders).toHaveLength(69));

  it.each(ders)('%s', (_name, der) => expectSameFacts(der));

  it('on random minted certificates', async () => {
    const value = fc
      .string({ unit: fc.constantFrom(...'ab Z09-.,+;<>"#=_é'.split('')), minLength: 1, maxLength: 12 })
      .map((s) => s.replace(/,/g, '\\,'));
    const instant = fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    const ipv6 = fc
      .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
      .map((groups) => groups.map((g) => g.toString(16)).join(':'));
    const usage = fc.subarray<KeyUsageName>(
      ['digitalSignature', 'keyEncipherment', 'keyCertSign', 'cRLSign'],
      {
        minLength: 1,
      },
    );
    const options = fc.record({
      cn: value,
      o: fc.option(value, { nil: undefined }),
      times: fc.tuple(instant, instant),
      isCA: fc.boolean(),
      basicConstraints: fc.boolean(),
      pathLen: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
      key: fc.constantFrom<KeySpec>('EC-P256', 'EC-P384', 'EC-P521', 'RSA-1024'),
      serial: fc.uint8Array({ minLength: 1, maxLength: 20 }).map((b) => Buffer.from(b).toString('hex')),
      dnsNames: fc.array(fc.domain(), { maxLength: 3 }),
      uris: fc.array(
        fc.stringMatching(/^[a-z0-9-]{1,10}$/).map((s) => `spiffe://cluster.local/ns/${s}/sa/${s}`),
        { maxLength: 2 },
      ),
      ips: fc.array(fc.oneof(fc.ipV4(), ipv6), { maxLength: 3 }),
      keyUsage: usage,
      omitKeyIdentifiers: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(options, async (o) => {
        const [notBefore, notAfter] = o.times;
        const spec: MintOptions = {
          subject: o.o === undefined ? `CN=${o.cn}` : `CN=${o.cn},O=${o.o}`,
          notBefore,
          notAfter,
          isCA: o.isCA,
          basicConstraints: o.basicConstraints,
          ...(o.isCA && o.pathLen !== undefined && { pathLen: o.pathLen }),
          key: o.key,
          serialNumber: o.serial,
          dnsNames: o.dnsNames,
          uris: o.uris,
          ipAddresses: o.ips,
          keyUsage: o.keyUsage,
          omitKeyIdentifiers: o.omitKeyIdentifiers,
        };
        expectSameFacts((await mint(spec)).der);
      }),
      { numRuns: 40, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  }, 120_000);
});

describe('DER that OpenSSL refuses', () => {
  it('is read by the pkijs path: a serial INTEGER with a redundant leading zero', async () => {
    const minted = await mint({
      subject: 'CN=padded serial',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
      serialNumber: 5,
    });
    const cert = pkijs.Certificate.fromBER(new Uint8Array(minted.der));
    cert.serialNumber = new asn1js.Integer({ valueHex: new Uint8Array([0x00, 0x05]) });
    const der = new Uint8Array(cert.toSchema(true).toBER(false));
    expect(() => opensslView(der)).toThrow();
    expect(parseCertificateDer(der, 'native')).toMatchObject({ reason: 'bad_der' });
    const parsed = facts(parseCertificateDer(der));
    expect(parsed).toMatchObject({ subject: 'CN=padded serial', serialNumber: '05', isCA: false });
    expect(parsed.notAfter.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('is rejected on both paths when it is not a certificate', () => {
    const junk = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]);
    for (const path of ['auto', 'native', 'pkijs'] as const) {
      expect(parseCertificateDer(junk, path)).toMatchObject({ reason: 'bad_der' });
    }
  });
});
