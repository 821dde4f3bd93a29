import { generateKeyPairSync } from 'node:crypto';
import type { CertificateFacts } from '#domain/model';
import { parseMaterial } from '#domain/parse';
import { EDGE_CASES, goldenData, INT_PEM, ROOT_PEM } from './edge-case-table';

const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaKey = generateKeyPairSync('rsa', { modulusLength: 1024 });
const KEY_BLOCKS = [
  key.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  key.privateKey.export({ format: 'pem', type: 'sec1' }) as string,
  rsaKey.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string,
  rsaKey.privateKey.export({
    format: 'pem',
    type: 'pkcs8',
    cipher: 'aes-256-cbc',
    passphrase: 'x',
  }) as string,
];
const keyBody = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----'));

describe('parseMaterial edge cases', () => {
  it.each(EDGE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = parseMaterial(c.input);
    const fingerprint = (der: Buffer) =>
      parseMaterial(new Uint8Array(der)).certificates[0]!.facts.fingerprint;
    expect(result.certificates.map((x) => [x.position, x.facts.fingerprint])).toEqual(
      c.certs.map(([position, der]) => [position, fingerprint(der)]),
    );
    expect(result.errors.map((e) => [e.reason, e.position])).toEqual(c.errors ?? []);
    for (const error of result.errors) expect(error.detail.length).toBeGreaterThan(0);
  });

  it.each(KEY_BLOCKS.map((pem) => [pem.split('\n')[0]!, pem] as const))(
    'skips %s and leaves no trace',
    (_l, pem) => {
      const result = parseMaterial(INT_PEM + pem + ROOT_PEM);
      expect(result.errors).toEqual([]);
      expect(result.certificates.map((c) => c.position)).toEqual([0, 2]);
      const json = JSON.stringify(result);
      for (const line of keyBody(pem)) expect(json).not.toContain(line);
      const keyOnly = parseMaterial(pem);
      expect(keyOnly.certificates).toEqual([]);
      expect(keyOnly.errors.map((e) => e.reason)).toEqual(['no_certificate']);
      for (const line of keyBody(pem)) expect(JSON.stringify(keyOnly)).not.toContain(line);
    },
  );

  it('skips the base64 key.pem of a Kubernetes Secret without a trace', () => {
    const data = goldenData('key.pem');
    const result = parseMaterial(data);
    expect(result.errors.map((e) => e.reason)).toEqual(['no_certificate']);
    const body = keyBody(Buffer.from(data, 'base64').toString());
    expect(body.length).toBeGreaterThan(0);
    for (const line of body) expect(JSON.stringify(result)).not.toContain(line);
  });

  it('parses repeated material once: duplicates share facts, the cache is used across calls', () => {
    const cache = new Map<string, CertificateFacts>();
    const first = parseMaterial(ROOT_PEM + ROOT_PEM, cache);
    expect(first.certificates[0]!.facts).toBe(first.certificates[1]!.facts);
    expect(cache.size).toBe(1);
    // Kept DER is its own small copy, not a view that would pin the whole input in the cache.
    const kept = first.certificates[0]!.facts.der;
    expect(kept.buffer.byteLength).toBe(kept.byteLength);
    const fingerprint = first.certificates[0]!.facts.fingerprint;
    // A planted entry proves the cached facts are returned instead of parsing the DER again.
    cache.set(fingerprint, { ...first.certificates[0]!.facts, subject: 'CN=from cache' });
    const again = parseMaterial(Buffer.from(ROOT_PEM).toString('base64'), cache);
    expect(again.certificates.map((c) => c.facts.subject)).toEqual(['CN=from cache']);
  });
});
