/**
 * Test helper: mints an ECDSA P-384 certificate with pkijs at fixed dates, with the extensions the
 * parser reads, so each fact can be checked against a known input (no real clock involved).
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

/** What the minted certificate contains. Names are lists of RDNs (each a list of [OID, value]). */
export interface MintOptions {
  readonly subject: [string, string][][];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly serialHex: string;
  readonly altNames: pkijs.GeneralName[];
  readonly pathLen?: number;
  /** Key usage bits as one byte, e.g. 0x06 = keyCertSign + cRLSign. */
  readonly keyUsageByte: number;
}

function rdns(name: [string, string][][]): pkijs.RelativeDistinguishedNames {
  const sets = name.map(
    (rdn) =>
      new asn1js.Set({
        value: rdn.map(([type, value]) =>
          new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema(),
        ),
      }),
  );
  const der = new asn1js.Sequence({ value: sets }).toBER();
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(der).result });
}

const time = (date: Date) => new pkijs.Time({ type: date.getUTCFullYear() >= 2050 ? 1 : 0, value: date });

/** DER of a freshly minted, self-signed certificate. */
export async function mintCertificate(options: MintOptions): Promise<Uint8Array> {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: Buffer.from(options.serialHex, 'hex') });
  cert.subject = rdns(options.subject);
  cert.issuer = rdns(options.subject);
  cert.notBefore = time(options.notBefore);
  cert.notAfter = time(options.notAfter);
  const basic = new pkijs.BasicConstraints({ cA: true, pathLenConstraint: options.pathLen });
  const usage = new asn1js.BitString({
    valueHex: new Uint8Array([options.keyUsageByte]).buffer,
    unusedBits: 1,
  });
  const altNames = new pkijs.GeneralNames({ names: options.altNames });
  cert.extensions = [
    new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: basic.toSchema().toBER() }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: usage.toBER() }),
    new pkijs.Extension({ extnID: '2.5.29.17', extnValue: altNames.toSchema().toBER() }),
  ];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, engine);
  await cert.sign(keys.privateKey, 'SHA-384', engine);
  return new Uint8Array(cert.toSchema(true).toBER());
}
