import type { X509Certificate } from 'node:crypto';
import { buildChains, SignatureCache } from '#domain/chain';
import { parseMaterial } from '#domain/parse';
import { factsOf } from '#support/facts';
import { type MintedCert, mint } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000);
const span = { notBefore: at(-1), notAfter: at(30) };

describe('SignatureCache', () => {
  it('imports an issuer key once however many certificates it signed', async () => {
    const root = await mint({ subject: 'CN=Root', isCA: true, ...span });
    const issuer = await mint({ subject: 'CN=Issuer', issuer: root, isCA: true, ...span });
    const leaves: MintedCert[] = [];
    for (let i = 0; i < 40; i++)
      leaves.push(
        await mint({ subject: `CN=leaf-${i}`, issuer, reuseKeyOf: leaves[0], serialNumber: i + 1, ...span }),
      );
    const facts = [root, issuer, ...leaves].map(factsOf);
    const cache = new SignatureCache();
    const chains = await buildChains(
      facts.map((f) => ({ facts: f, trustBundle: false })),
      { now: NOW, cache },
    );
    const issuerFp = factsOf(issuer).fingerprint;
    expect(facts.slice(2).every((f) => chains.get(f.fingerprint)!.issuerFingerprint === issuerFp)).toBe(true);
    expect(cache.size).toBe(42); // root self-check, issuer by root, 40 leaves by issuer
    expect(cache.importedKeys).toBe(2); // the root's key and the issuer's key
  });

  it("checks with the parser's own native certificates and reaches the same verdicts", async () => {
    const root = await mint({ subject: 'CN=Root', isCA: true, ...span });
    const other = await mint({ subject: 'CN=Root', isCA: true, ...span });
    const leaf = await mint({ subject: 'CN=leaf', issuer: root, ...span });
    const natives = new Map<string, X509Certificate>();
    const parsed = parseMaterial(root.pem + other.pem + leaf.pem, new Map(), natives);
    const [r, o, l] = parsed.certificates.map((c) => c.facts);
    expect([...natives.keys()].sort()).toEqual([r!, o!, l!].map((f) => f.fingerprint).sort());
    expect(natives.get(l!.fingerprint)!.subject).toContain('CN=leaf');
    const adopted = new SignatureCache();
    adopted.adopt(natives);
    const fresh = new SignatureCache();
    for (const cache of [adopted, fresh]) {
      expect(cache.verify(l!, r!)).toBe('valid');
      expect(cache.verify(l!, o!)).toBe('invalid');
      expect(cache.verify(r!, r!)).toBe('valid');
    }
  });

  it('extracts an RSA key once and verifies SHA-1 and SHA-256 children with it', async () => {
    const root = await mint({ subject: 'CN=RSA Root', isCA: true, key: 'RSA-2048', ...span });
    const sha256 = await mint({ subject: 'CN=a', issuer: root, ...span });
    const sha1 = await mint({ subject: 'CN=b', issuer: root, signatureHash: 'SHA-1', ...span });
    const [r, a, b] = [root, sha256, sha1].map(factsOf);
    const cache = new SignatureCache();
    expect(await cache.verify(r!, r!)).toBe('valid');
    expect(await cache.verify(a!, r!)).toBe('valid');
    expect(await cache.verify(b!, r!)).toBe('valid');
    expect(cache.importedKeys).toBe(1);
  });

  it('says invalid for a tampered signature or an issuer of another key family', async () => {
    const root = await mint({ subject: 'CN=Root', isCA: true, ...span });
    const rsa = await mint({ subject: 'CN=Root', isCA: true, key: 'RSA-2048', ...span });
    const leaf = await mint({ subject: 'CN=leaf', issuer: root, ...span });
    const der = new Uint8Array(leaf.der);
    der[der.length - 1] = der[der.length - 1]! ^ 0x01; // last byte of the ECDSA s value: still DER, no longer a signature
    const tampered = factsOf({ ...leaf, der });
    const cache = new SignatureCache();
    expect(await cache.verify(factsOf(leaf), factsOf(root))).toBe('valid');
    expect(await cache.verify(tampered, factsOf(root))).toBe('invalid');
    expect(await cache.verify(factsOf(leaf), factsOf(rsa))).toBe('invalid');
  });

  it('says unsupported (never throws) when the DER cannot be cut into signed parts', async () => {
    const root = factsOf(await mint({ subject: 'CN=Root', isCA: true, ...span }));
    const broken = { ...root, fingerprint: 'broken', der: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]) };
    const cache = new SignatureCache();
    expect(await cache.verify(broken, root)).toBe('unsupported');
    expect(await cache.verify(root, broken)).toBe('unsupported');
  });
});
