import fc from 'fast-check';
import { buildChains, SignatureCache } from '#domain/chain';
import type { CertificateFacts } from '#domain/model';
import { factsOf, fixtureFacts } from '#support/facts';
import { mint, mintChain } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000);

async function material(): Promise<CertificateFacts[]> {
  const a = await mintChain({ now: NOW, intermediates: 2 });
  const b = await mintChain({ now: NOW, intermediateDays: { before: 10, after: 20 } });
  // A rotation: an expired root and its successor with the same name, the intermediate cross-signed.
  const oldRoot = await mint({ subject: 'CN=Mesh Root', isCA: true, notBefore: at(-800), notAfter: at(-1) });
  const newRoot = await mint({ subject: 'CN=Mesh Root', isCA: true, notBefore: at(-30), notAfter: at(3000) });
  const intOld = await mint({
    subject: 'CN=Mesh Int',
    issuer: oldRoot,
    isCA: true,
    notBefore: at(-60),
    notAfter: at(300),
  });
  const intNew = await mint({
    subject: 'CN=Mesh Int',
    issuer: newRoot,
    reuseKeyOf: intOld,
    isCA: true,
    notBefore: at(-2),
    notAfter: at(250),
  });
  const leaf = await mint({ subject: 'CN=w', issuer: intNew, notBefore: at(-1), notAfter: at(1) });
  const minted = [
    a.root,
    ...a.intermediates,
    a.leaf,
    b.root,
    ...b.intermediates,
    b.leaf,
    oldRoot,
    newRoot,
    intOld,
    intNew,
    leaf,
  ];
  const upstream = fixtureFacts('istio/istio/security/pkg/pki/testdata/multilevelpki/int2-cert-chain.pem');
  return [...minted.map(factsOf), ...upstream];
}

describe('chain building is independent of input order', () => {
  it('gives the same levels, chain ids, paths and effective expiries for any permutation (with duplicates)', async () => {
    const certs = await material();
    const cache = new SignatureCache();
    const summary = async (list: CertificateFacts[]) => {
      const links = await buildChains(
        list.map((facts) => ({ facts, trustBundle: false })),
        { now: NOW, cache },
      );
      return [...links.values()]
        .map(
          (l) =>
            `${l.fingerprint} ${l.level} ${l.chainId} ${l.path.join('/')} ${l.effectiveNotAfter.toISOString()}`,
        )
        .sort();
    };
    const expected = await summary(certs);
    expect(expected).toHaveLength(certs.length);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(certs, { minLength: certs.length }),
        fc.array(fc.nat(certs.length - 1), { maxLength: 4 }),
        async (shuffled, dupes) => {
          const withDupes = [...shuffled, ...dupes.map((i) => certs[i]!)];
          expect(await summary(withDupes)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
