import { assess } from '#domain/assess';
import { factsOf } from '#support/facts';
import { materialOf, verdicts } from '#support/materials';
import { mint } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000);
const fp = (m: Parameters<typeof factsOf>[0]) => factsOf(m).fingerprint;
/** A self-signed CA valid from `from` to `to` days after NOW. */
const root = (subject: string, from: number, to: number, uris?: string[]) =>
  mint({ subject, isCA: true, notBefore: at(from), notAfter: at(to), ...(uris ? { uris } : {}) });

describe('superseded_anchor', () => {
  it('an expired root next to its valid successor in a bundle is info, not a critical expiry', async () => {
    const oldRoot = await root('CN=Mesh Root', -800, -5);
    const newRoot = await root('CN=Mesh Root', -30, 3000);
    const bundle = materialOf([oldRoot, newRoot], {
      trustBundle: true,
      mesh: 'istio',
      name: 'istio-ca-root-cert',
    });
    const result = await assess([bundle], { now: NOW });
    expect(verdicts(result, fp(oldRoot))).toEqual(['superseded_anchor:info']);
    expect(verdicts(result, fp(newRoot))).toEqual([]);
    const old = result.certificates.find((c) => c.facts.fingerprint === fp(oldRoot))!;
    expect(old.severity).toBe('info');
    expect(old.daysLeft).toBe(-5);
    expect(result.findings[0]!.message).toContain('superseded');
  });

  it('a lone expired root is still critical', async () => {
    const oldRoot = await root('CN=Mesh Root', -800, -5);
    const result = await assess([materialOf(oldRoot, { trustBundle: true })], { now: NOW });
    expect(verdicts(result, fp(oldRoot))).toEqual(['expired:critical']);
  });

  it('an expired root that something still chains to is critical, even with a successor', async () => {
    const oldRoot = await root('CN=Mesh Root', -800, -5);
    const newRoot = await root('CN=Mesh Root', -30, 3000);
    const int = await mint({
      subject: 'CN=Int',
      issuer: oldRoot,
      isCA: true,
      notBefore: at(-100),
      notAfter: at(-6),
    });
    const result = await assess(
      [materialOf([oldRoot, newRoot], { trustBundle: true }), materialOf(int, { name: 'cacerts' })],
      { now: NOW },
    );
    expect(verdicts(result, fp(oldRoot))).toEqual(['expired:critical']);
  });

  it('an unrelated older root in the same bundle is judged on its own (another CA supersedes nothing)', async () => {
    const older = await mint({ subject: 'CN=A Root', isCA: true, notBefore: at(-3000), notAfter: at(200) });
    const newer = await mint({ subject: 'CN=B Root', isCA: true, notBefore: at(-10), notAfter: at(3000) });
    const result = await assess([materialOf([older, newer], { trustBundle: true })], { now: NOW });
    expect(verdicts(result, fp(older))).toEqual(['expiring_soon:warning']);
  });

  it('an older root cross-signed with its renamed successor is only info (no expiry warning)', async () => {
    const older = await mint({ subject: 'CN=A Root', isCA: true, notBefore: at(-3000), notAfter: at(200) });
    const newer = await mint({ subject: 'CN=B Root', isCA: true, notBefore: at(-10), notAfter: at(3000) });
    const bridge = await mint({
      subject: 'CN=B Root',
      isCA: true,
      issuer: older,
      reuseKeyOf: newer,
      notBefore: at(-10),
      notAfter: at(200),
    });
    const result = await assess([materialOf([older, newer, bridge], { trustBundle: true })], { now: NOW });
    expect(verdicts(result, fp(older))).toEqual(['superseded_anchor:info']);
    const old = result.certificates.find((c) => c.facts.fingerprint === fp(older))!;
    expect(old.severity).toBe('info');
  });

  it('a renamed root of the same SPIFFE trust domain (Consul, SPIRE rotation) is only info', async () => {
    const td = 'spiffe://1111.consul';
    const older = await root('CN=pri-0', -3000, 20, [td]);
    const newer = await root('CN=pri-1', -10, 3000, [`${td}/`]);
    const result = await assess([materialOf([older, newer], { trustBundle: true })], { now: NOW });
    expect(verdicts(result, fp(older))).toEqual(['superseded_anchor:info']);
  });

  it('roots of different trust domains, or sharing only a workload SPIFFE ID, are judged on their own', async () => {
    const older = await root('CN=pri-0', -3000, 20, ['spiffe://a.example']);
    const other = await root('CN=pri-1', -10, 3000, ['spiffe://b.example']);
    const byPath = await root('CN=pri-2', -10, 3000, ['spiffe://a.example/ns/x']);
    const result = await assess([materialOf([older, other, byPath], { trustBundle: true })], { now: NOW });
    expect(verdicts(result, fp(older))).toEqual(['expiring_soon:critical']);
  });

  it('a root days from expiry with a same-name successor is only info, its message saying when and who', async () => {
    const oldRoot = await root('CN=Mesh Root', -330, 35);
    const newRoot = await root('CN=Mesh Root', -5, 3645);
    const result = await assess([materialOf([oldRoot, newRoot], { trustBundle: true, mesh: 'linkerd' })], {
      now: NOW,
    });
    expect(verdicts(result, fp(oldRoot))).toEqual(['superseded_anchor:info']);
    expect(result.certificates.find((c) => c.facts.fingerprint === fp(oldRoot))!.severity).toBe('info');
    const info = result.findings.find((f) => f.fingerprint === fp(oldRoot))!;
    expect(info.message).toContain(`expires on ${at(35).toISOString().slice(0, 10)}`);
    expect(info.message).toContain(`valid until ${at(3645).toISOString().slice(0, 10)}`);
  });

  it('a root days from expiry that something still chains to keeps its critical expiry', async () => {
    const oldRoot = await root('CN=Mesh Root', -330, 35);
    const newRoot = await root('CN=Mesh Root', -5, 3645);
    const int = await mint({
      subject: 'CN=Int',
      issuer: oldRoot,
      isCA: true,
      notBefore: at(-100),
      notAfter: at(20),
    });
    const result = await assess(
      [materialOf([oldRoot, newRoot], { trustBundle: true }), materialOf(int, { name: 'cacerts' })],
      { now: NOW },
    );
    expect(verdicts(result, fp(oldRoot))).toEqual(['expiring_soon:critical']);
    expect(result.certificates.find((c) => c.facts.fingerprint === fp(oldRoot))!.severity).toBe('critical');
  });

  it('two unrelated roots in different bundles are not superseded', async () => {
    const a = await mint({ subject: 'CN=A Root', isCA: true, notBefore: at(-800), notAfter: at(-5) });
    const b = await mint({ subject: 'CN=B Root', isCA: true, notBefore: at(-10), notAfter: at(3000) });
    const result = await assess(
      [materialOf(a, { trustBundle: true, name: 'one' }), materialOf(b, { trustBundle: true, name: 'two' })],
      { now: NOW },
    );
    expect(verdicts(result, fp(a))).toEqual(['expired:critical']);
  });
});
