import { buildChains, type ChainInput, SignatureCache } from '#domain/chain';
import type { CertificateFacts } from '#domain/model';
import { factsOf, fixtureFacts } from '#support/facts';
import { mint, mintChain } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000);
const inputs = (certs: CertificateFacts[], trustBundle = false): ChainInput[] =>
  certs.map((facts) => ({ facts, trustBundle }));

describe('buildChains', () => {
  it('links root → intermediate → leaf and decides levels by signature', async () => {
    const chain = await mintChain({ now: NOW });
    const [root, int, leaf] = [chain.root, chain.intermediates[0]!, chain.leaf].map(factsOf);
    const links = await buildChains(inputs([leaf!, int!, root!]), { now: NOW });
    expect(links.get(root!.fingerprint)).toMatchObject({ level: 'root', selfSigned: true, anchored: true });
    expect(links.get(int!.fingerprint)).toMatchObject({
      level: 'intermediate',
      issuerFingerprint: root!.fingerprint,
    });
    const l = links.get(leaf!.fingerprint)!;
    expect(l.level).toBe('leaf');
    expect(l.path).toEqual([leaf!.fingerprint, int!.fingerprint, root!.fingerprint]);
    expect(l.chainId).toBe(root!.fingerprint);
    expect(l.effectiveNotAfter).toEqual(leaf!.notAfter);
  });

  it('takes the earliest notAfter on the path as the effective expiry', async () => {
    const chain = await mintChain({
      now: NOW,
      intermediateDays: { before: 10, after: 5 },
      leafDays: { before: 1, after: 30 },
    });
    const [root, int, leaf] = [chain.root, chain.intermediates[0]!, chain.leaf].map(factsOf);
    const links = await buildChains(inputs([root!, int!, leaf!]), { now: NOW });
    expect(links.get(leaf!.fingerprint)!.effectiveNotAfter).toEqual(int!.notAfter);
  });

  it('does not link a certificate whose named issuer has another key (signature fails)', async () => {
    const root = await mint({ subject: 'CN=Root', isCA: true, notBefore: at(-1), notAfter: at(100) });
    const impostor = await mint({
      subject: 'CN=Root',
      isCA: true,
      notBefore: at(-1),
      notAfter: at(100),
      omitKeyIdentifiers: true,
    });
    const leaf = await mint({
      subject: 'CN=leaf',
      issuer: root,
      notBefore: at(-1),
      notAfter: at(1),
      omitKeyIdentifiers: true,
    });
    const [l, imp] = [leaf, impostor].map(factsOf);
    const links = await buildChains(inputs([l!, imp!]), { now: NOW });
    expect(links.get(l!.fingerprint)).toMatchObject({
      issuers: [],
      rejectedIssuers: [imp!.fingerprint],
      anchored: false,
    });
    expect(links.get(l!.fingerprint)!.chainId).toBe(l!.fingerprint);
  });

  it('prefers the valid path when an intermediate is cross-signed by an expired and a valid root', async () => {
    const oldRoot = await mint({
      subject: 'CN=Old Root',
      isCA: true,
      notBefore: at(-900),
      notAfter: at(-10),
    });
    const newRoot = await mint({
      subject: 'CN=New Root',
      isCA: true,
      notBefore: at(-20),
      notAfter: at(3000),
    });
    const intOld = await mint({
      subject: 'CN=Int',
      issuer: oldRoot,
      isCA: true,
      notBefore: at(-100),
      notAfter: at(200),
    });
    const intNew = await mint({
      subject: 'CN=Int',
      issuer: newRoot,
      reuseKeyOf: intOld,
      isCA: true,
      notBefore: at(-5),
      notAfter: at(200),
    });
    const leaf = await mint({
      subject: 'CN=leaf',
      issuer: intOld,
      notBefore: at(-1),
      notAfter: at(1),
      omitKeyIdentifiers: true,
    });
    const all = [oldRoot, newRoot, intOld, intNew, leaf].map(factsOf);
    const links = await buildChains(inputs(all), { now: NOW });
    const l = links.get(all[4]!.fingerprint)!;
    expect(l.issuers).toHaveLength(2);
    expect(l.chainId).toBe(all[1]!.fingerprint);
    expect(l.path[1]).toBe(all[3]!.fingerprint);
  });

  it('treats a trust-bundle member without issuer as an anchor, and prefers trusted paths', async () => {
    const chain = await mintChain({ now: NOW });
    const [int, leaf] = [chain.intermediates[0]!, chain.leaf].map(factsOf);
    const links = await buildChains(
      [
        { facts: int!, trustBundle: true },
        { facts: leaf!, trustBundle: false },
      ],
      {
        now: NOW,
        trusted: new Set([int!.fingerprint]),
      },
    );
    expect(links.get(leaf!.fingerprint)).toMatchObject({
      anchored: true,
      trusted: true,
      chainId: int!.fingerprint,
    });
  });

  it('caches verification per (child, issuer) pair across calls', async () => {
    const chain = await mintChain({ now: NOW });
    const all = [chain.root, chain.intermediates[0]!, chain.leaf].map(factsOf);
    const cache = new SignatureCache();
    await buildChains(inputs(all), { now: NOW, cache });
    const size = cache.size;
    await buildChains(inputs([...all].reverse()), { now: NOW, cache });
    expect(cache.size).toBe(size);
    expect(size).toBeGreaterThanOrEqual(3);
  });
});

describe('buildChains on upstream fixtures', () => {
  const FIXED = new Date('2026-11-24T00:00:00Z');
  const levels = async (certs: CertificateFacts[]) => {
    const links = await buildChains(inputs(certs), { now: FIXED });
    return certs.map((c) => links.get(c.fingerprint)!.level);
  };

  it('istio multilevelpki int2-cert-chain.pem (root first, root without CA flag) is root/intermediate/intermediate', async () => {
    const certs = fixtureFacts('istio/istio/security/pkg/pki/testdata/multilevelpki/int2-cert-chain.pem');
    expect(certs[0]!.isCA).toBe(false);
    expect(await levels(certs)).toEqual(['root', 'intermediate', 'intermediate']);
  });

  it('istio ecc-int2-cert-chain.pem is root/intermediate/intermediate', async () => {
    const certs = fixtureFacts('istio/istio/security/pkg/pki/testdata/multilevelpki/ecc-int2-cert-chain.pem');
    expect(await levels(certs)).toEqual(['root', 'intermediate', 'intermediate']);
  });

  it.each(['root-cert-combined.pem', 'root-cert-combined-2.pem'])(
    'istio %s holds several roots',
    async (file) => {
      const certs = fixtureFacts(`istio/istio/samples/certs/${file}`);
      const ls = await levels(certs);
      expect(ls.length).toBeGreaterThan(1);
      expect(new Set(ls)).toEqual(new Set(['root']));
    },
  );

  it('istio cert-chain-alt.pem is intermediate + root', async () => {
    const certs = fixtureFacts('istio/istio/samples/certs/cert-chain-alt.pem');
    expect(await levels(certs)).toEqual(['intermediate', 'root']);
  });

  it('linkerd issuer with the anchor name is an intermediate signed by the anchor', async () => {
    const dir = 'linkerd/linkerd2/cli/cmd/testdata';
    const [issuer] = fixtureFacts(`${dir}/valid-crt.pem`);
    const [anchor] = fixtureFacts(`${dir}/valid-trust-anchors.pem`);
    const links = await buildChains(inputs([issuer!, anchor!]), { now: FIXED });
    expect(links.get(issuer!.fingerprint)).toMatchObject({
      level: 'intermediate',
      chainId: anchor!.fingerprint,
    });
    expect(links.get(anchor!.fingerprint)!.level).toBe('root');
  });
});
