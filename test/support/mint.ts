/**
 * Mints real X.509 certificates for tests (pkijs 3 + WebCrypto), always relative to dates the
 * test passes in — never the real clock. Test support only: may import anything.
 * RSA key pairs are pooled per size (generation is slow), so two RSA certificates minted with the
 * same size share a key unless `reuseKeyOf` says otherwise explicitly; EC keys are fresh each time.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { extensions, serialBytes, toName, toPem, toTime } from './mint-der';

/** Key algorithm and size of a minted certificate. */
export type KeySpec = 'EC-P256' | 'EC-P384' | 'EC-P521' | 'RSA-1024' | 'RSA-2048' | 'RSA-4096';

/** Key usage bits a minted certificate can carry (RFC 5280 names, as the parser reports them). */
export type KeyUsageName =
  | 'digitalSignature'
  | 'contentCommitment'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly';

/** What to put in a minted certificate. */
export interface MintOptions {
  /** RFC 4514-ish `CN=Root CA,O=cluster.local` (CN, O, OU, L, ST, C); `''` = empty subject. */
  subject: string;
  /** Omitted → self-signed. */
  issuer?: MintedCert;
  notBefore: Date;
  notAfter: Date;
  /** @default false */
  isCA?: boolean;
  /** @default true — false omits the extension (roots without the CA flag). */
  basicConstraints?: boolean;
  pathLen?: number;
  /** @default digitalSignature, keyCertSign, cRLSign for CAs; digitalSignature, keyEncipherment otherwise */
  keyUsage?: readonly KeyUsageName[];
  /** @default 'EC-P256' */
  key?: KeySpec;
  /** Re-issue / cross-sign with the same key pair as this certificate. */
  reuseKeyOf?: MintedCert;
  /** @default 'SHA-256' */
  signatureHash?: 'SHA-256' | 'SHA-1' | 'SHA-384';
  dnsNames?: string[];
  uris?: string[];
  /** IPv4 or IPv6 (`::1`, `fd00::1`). */
  ipAddresses?: string[];
  /** A number, or a hex string. @default random 16 bytes */
  serialNumber?: number | string;
  /** No SKI/AKI extensions. */
  omitKeyIdentifiers?: boolean;
}

/** A minted certificate, its key pair (private key for signing children and canary tests only). */
export interface MintedCert {
  pem: string;
  der: Uint8Array;
  /** PKCS#8 PEM of the private key — for canary tests only. */
  keyPem: string;
  subject: string;
  keys: CryptoKeyPair;
  spec: KeySpec;
  /** Lower-case hex SKI, if one was written (children use it as their AKI). */
  subjectKeyId?: string;
}

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const rsaPool = new Map<KeySpec, Promise<CryptoKeyPair>>();

/** Mints one certificate signed by `options.issuer` (or self-signed). */
export async function mint(options: MintOptions): Promise<MintedCert> {
  const spec = options.reuseKeyOf?.spec ?? options.key ?? 'EC-P256';
  const keys = options.reuseKeyOf?.keys ?? (await keyPair(spec));
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: serialBytes(options.serialNumber) });
  cert.subject = toName(options.subject);
  cert.issuer = toName(options.issuer?.subject ?? options.subject);
  cert.notBefore = toTime(options.notBefore);
  cert.notAfter = toTime(options.notAfter);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const ski = createHash('sha1')
    .update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
    .digest('hex');
  cert.extensions = extensions(options, options.omitKeyIdentifiers ? undefined : ski);
  const signer = options.issuer ?? { keys, spec };
  const hash = options.signatureHash ?? 'SHA-256';
  await cert.sign(await signingKey(signer.keys.privateKey, signer.spec, hash), hash);
  const der = new Uint8Array(cert.toSchema(true).toBER(false));
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
  return {
    pem: toPem('CERTIFICATE', der),
    der,
    keyPem: toPem('PRIVATE KEY', pkcs8),
    subject: options.subject,
    keys,
    spec,
    subjectKeyId: options.omitKeyIdentifiers ? undefined : ski,
  };
}

/** Relative offsets of a convenience chain, in days from `now`. */
export interface ChainPlan {
  now: Date;
  /** Number of intermediates between root and leaf. @default 1 */
  intermediates?: number;
  rootDays?: { before: number; after: number };
  intermediateDays?: { before: number; after: number };
  leafDays?: { before: number; after: number };
  key?: KeySpec;
}

/** A minted root → intermediates → leaf chain. */
export interface MintedChain {
  root: MintedCert;
  intermediates: MintedCert[];
  leaf: MintedCert;
}

/** Mints root → intermediate(s) → leaf around `plan.now` (root 10 y, intermediates 1 y, leaf 1 d). */
export async function mintChain(plan: ChainPlan): Promise<MintedChain> {
  const at = (days: number): Date => new Date(plan.now.getTime() + days * 86_400_000);
  const span = (d: { before: number; after: number }) => ({
    notBefore: at(-d.before),
    notAfter: at(d.after),
  });
  const key = plan.key;
  const root = await mint({
    subject: 'CN=Test Root CA,O=certwatch',
    isCA: true,
    key,
    ...span(plan.rootDays ?? { before: 365, after: 3285 }),
  });
  const intermediates: MintedCert[] = [];
  let issuer = root;
  for (let i = 0; i < (plan.intermediates ?? 1); i++) {
    issuer = await mint({
      subject: `CN=Test Intermediate ${i + 1},O=certwatch`,
      issuer,
      isCA: true,
      key,
      ...span(plan.intermediateDays ?? { before: 30, after: 335 }),
    });
    intermediates.push(issuer);
  }
  const leaf = await mint({
    subject: 'CN=workload,O=certwatch',
    issuer,
    key,
    uris: ['spiffe://cluster.local/ns/default/sa/default'],
    ...span(plan.leafDays ?? { before: 0.5, after: 0.5 }),
  });
  return { root, intermediates, leaf };
}

async function keyPair(spec: KeySpec): Promise<CryptoKeyPair> {
  if (spec.startsWith('EC-')) {
    const namedCurve = `P-${spec.slice(4)}`;
    return subtle.generateKey({ name: 'ECDSA', namedCurve }, true, ['sign', 'verify']);
  }
  let pooled = rsaPool.get(spec);
  if (!pooled) {
    const modulusLength = Number(spec.slice(4));
    pooled = subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    );
    rsaPool.set(spec, pooled);
  }
  return pooled;
}

// WebCrypto binds an RSA key to one hash, and pkijs signs with the key's hash: re-import to match.
async function signingKey(key: CryptoKey, spec: KeySpec, hash: string): Promise<CryptoKey> {
  if (!spec.startsWith('RSA-')) return key;
  const pkcs8 = await subtle.exportKey('pkcs8', key);
  return subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
}
