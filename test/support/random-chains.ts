/**
 * Seeded random chains of trust for the openssl differential test: depth 1–4, EC/Ed25519/Ed448/RSA
 * keys reused across chains, random validity windows, missing key ids, CA flags and keyUsage that
 * forbid signing, pathLen, cross-signed intermediates and renamed issuers (some renamed only in
 * case or spacing, which RFC 5280 name comparison ignores). Names are unique per chain, so one
 * batch can be verified by one `openssl verify` call. Test support only.
 */
import type { OpensslCertSpec, OpensslKey } from './openssl-ca';

/** A certificate of a planned chain and how the test uses it. */
export interface PlannedCert extends OpensslCertSpec {
  readonly chain: number;
  /** Goes in the trust store (openssl -CAfile, certwatch's trust bundle). */
  readonly trusted: boolean;
  /** Part of the material (a renamed-away original is minted but left out). */
  readonly included: boolean;
  /** The chain has a cross-signed intermediate (several valid paths may exist). */
  readonly crossSigned: boolean;
}

/** The key pool: stems and algorithms, reused across chains. */
export const KEY_POOL: readonly (readonly [string, OpensslKey])[] = [
  ['p256a', 'ec-p256'],
  ['p256b', 'ec-p256'],
  ['p256c', 'ec-p256'],
  ['p256d', 'ec-p256'],
  ['p384', 'ec-p384'],
  ['p521', 'ec-p521'],
  ['ed25519a', 'ed25519'],
  ['ed25519b', 'ed25519'],
  ['ed448', 'ed448'],
  ['rsa', 'rsa'],
  ['rsapss', 'rsa-pss'],
];

/** mulberry32: small, fast, seedable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/** Plans `count` chains numbered from `first`; `now` must not fall on a midnight (no date equals it). */
export function planChains(seed: number, first: number, count: number, now: Date): PlannedCert[] {
  const rnd = random(seed);
  const out: PlannedCert[] = [];
  for (let i = first; i < first + count; i++) out.push(...planChain(i, now, rnd));
  return out;
}

function planChain(i: number, now: Date, rnd: () => number): PlannedCert[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const keys = shuffle(
    KEY_POOL.map(([stem]) => stem),
    rnd,
  );
  const length = 1 + Math.floor(rnd() * 4);
  const crossSigned = length >= 3 && rnd() < 0.15;
  const midnight = Math.floor(now.getTime() / DAY) * DAY;
  const validity = () => {
    const typical = rnd() < 0.75;
    const start = typical ? 1 + Math.floor(rnd() * 400) : Math.floor(rnd() * 800) - 20;
    const days = typical ? start + 1 + Math.floor(rnd() * 900) : 1 + Math.floor(rnd() * 900);
    return {
      notBefore: new Date(midnight - start * DAY),
      notAfter: new Date(midnight - start * DAY + days * DAY),
    };
  };
  const caExt = (perturb: boolean) => {
    const lines = [] as string[];
    const flaw = perturb && rnd() < 0.12 ? pick(['ca-false', 'no-certsign', 'no-bc'] as const) : undefined;
    const pathLen = perturb && rnd() < 0.2 ? `,pathlen:${Math.floor(rnd() * 3)}` : '';
    if (flaw === 'ca-false') lines.push('basicConstraints = critical,CA:FALSE');
    else if (flaw !== 'no-bc') lines.push(`basicConstraints = critical,CA:TRUE${pathLen}`);
    lines.push(
      flaw === 'no-certsign'
        ? 'keyUsage = critical,digitalSignature'
        : 'keyUsage = critical,keyCertSign,cRLSign',
    );
    if (!(perturb && rnd() < 0.2))
      lines.push('subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always');
    return lines;
  };
  const base = { chain: i, crossSigned };
  const certs: PlannedCert[] = [];
  const perturb = !crossSigned; // openssl builds one path: keep cross-signed chains' other flaws out
  let issuer: { cert: string; key: string } | undefined;
  for (let level = 0; level < length; level++) {
    const isLeaf = level === length - 1 && length > 1;
    const name = level === 0 ? `c${i}r` : isLeaf ? `c${i}l` : `c${i}i${level}`;
    const cn = level === 0 ? `c${i} Root` : isLeaf ? `c${i} leaf` : `c${i} Int ${level}`;
    const key = keys[level]!;
    const extensions = isLeaf
      ? [
          'basicConstraints = critical,CA:FALSE',
          'keyUsage = critical,digitalSignature',
          ...(rnd() < 0.2 ? [] : ['subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always']),
        ]
      : caExt(perturb);
    // openssl does not backtrack past an expired root: a cross-signed chain keeps both roots valid.
    const window =
      crossSigned && level === 0
        ? { notBefore: new Date(midnight - 50 * DAY), notAfter: new Date(midnight + 2000 * DAY) }
        : validity();
    const spec = {
      ...base,
      name,
      subject: `/CN=${cn}`,
      key,
      ...(issuer && { issuer }),
      ...window,
      extensions,
    };
    const renamed = perturb && !isLeaf && length > 1 && rnd() < 0.1;
    certs.push({ ...spec, trusted: level === 0, included: !renamed });
    if (renamed) {
      // Same key, another subject: a case/spacing change still names the same CA; a new name does not.
      const variant = pick([cn.toUpperCase(), `  ${cn.replace(/ /g, '   ')} `, `${cn} renamed`]);
      certs.push({
        ...spec,
        name: `${name}n`,
        subject: `/CN=${variant}`,
        trusted: level === 0,
        included: true,
      });
    }
    if (crossSigned && level === 1) {
      const crossRoot = {
        ...base,
        name: `c${i}x`,
        subject: `/CN=c${i} Cross Root`,
        key: keys[length]!,
        notBefore: new Date(midnight - 100 * DAY),
        notAfter: new Date(midnight + 3000 * DAY),
        extensions: caExt(false),
        trusted: true,
        included: true,
      };
      certs.push(crossRoot, {
        ...spec,
        name: `${name}x`,
        issuer: { cert: crossRoot.name, key: crossRoot.key },
        ...validity(),
        trusted: false,
        included: true,
      });
    }
    issuer = { cert: name, key };
  }
  return certs;
}

function shuffle<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
