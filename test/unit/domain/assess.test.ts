import fc from 'fast-check';
import { addFindings, assess, worstSeverity } from '#domain/assess';
import type { CertificateMaterial } from '#domain/model';
import { factsOf, fixtureText } from '#support/facts';
import { materialOf } from '#support/materials';
import { mint, mintChain } from '#support/mint';

const NOW = new Date('2026-06-01T00:00:00Z');
const at = (days: number): Date => new Date(NOW.getTime() + days * 86_400_000);

describe('assess', () => {
  it('reports each certificate once with every place it was seen', async () => {
    const { root } = await mintChain({ now: NOW });
    const materials = ['default', 'prod', 'kube-system'].map(
      (namespace): CertificateMaterial => ({
        source: { kind: 'ConfigMap', namespace, name: 'istio-ca-root-cert', key: 'root-cert.pem' },
        data: root.pem,
        mesh: 'istio',
        trustBundle: true,
      }),
    );
    const result = await assess(materials, { now: NOW });
    expect(result.certificates).toHaveLength(1);
    const [cert] = result.certificates;
    expect(cert!.sources.map((s) => s.namespace)).toEqual(['default', 'kube-system', 'prod']);
    expect(cert!).toMatchObject({
      level: 'root',
      role: 'istio-root',
      mesh: 'istio',
      severity: 'ok',
      daysLeft: 3285,
    });
    expect(cert!.chainId).toBe(cert!.facts.fingerprint);
  });

  it('computes levels, derived roles, chain ids, effective expiry and floor(daysLeft)', async () => {
    const chain = await mintChain({
      now: NOW,
      leafDays: { before: 0.5, after: 0.75 },
      intermediateDays: { before: 1, after: 0.5 },
    });
    const result = await assess(
      [materialOf([chain.leaf, chain.intermediates[0]!, chain.root], { mesh: 'linkerd' })],
      { now: NOW },
    );
    const byLevel = Object.fromEntries(result.certificates.map((c) => [c.level, c]));
    const rootFp = factsOf(chain.root).fingerprint;
    expect(byLevel['root']!.role).toBe('linkerd-trust-anchor');
    expect(byLevel['intermediate']!.role).toBe('linkerd-issuer');
    expect(byLevel['leaf']!).toMatchObject({ role: 'linkerd-workload', chainId: rootFp, daysLeft: 0 });
    expect(byLevel['leaf']!.issuerFingerprint).toBe(factsOf(chain.intermediates[0]!).fingerprint);
    expect(byLevel['leaf']!.effectiveNotAfter).toEqual(at(0.5));
    // Anchors first within a chain.
    expect(result.certificates.map((c) => c.level)).toEqual(['root', 'intermediate', 'leaf']);
  });

  it('gives negative daysLeft when expired and the worst finding as severity', async () => {
    const root = await mint({ subject: 'CN=R', isCA: true, notBefore: at(-100), notAfter: at(3000) });
    const leaf = await mint({
      subject: 'CN=x',
      issuer: root,
      key: 'RSA-1024',
      notBefore: at(-10),
      notAfter: at(-1.5),
    });
    const result = await assess([materialOf([leaf, root])], { now: NOW });
    const cert = result.certificates.find((c) => c.level === 'leaf')!;
    expect(cert.daysLeft).toBe(-2);
    expect(cert.severity).toBe('critical');
    expect(
      result.findings
        .filter((f) => f.fingerprint === cert.facts.fingerprint)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['expired', 'weak_key']);
  });

  it('keeps going past unparseable material and reports where it was', async () => {
    const { root } = await mintChain({ now: NOW });
    const bad: CertificateMaterial = {
      source: { kind: 'Secret', namespace: 'x', name: 'broken', key: 'ca.crt' },
      data: '-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n',
    };
    const result = await assess([bad, materialOf(root)], { now: NOW });
    expect(result.certificates).toHaveLength(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.source).toEqual(bad.source);
  });

  it('uses role hints for the first certificate of a material and for later ones only when they fit', async () => {
    const chain = await mintChain({ now: NOW });
    const result = await assess(
      [
        materialOf([chain.intermediates[0]!, chain.root], {
          mesh: 'istio',
          role: 'istio-intermediate',
          name: 'cacerts',
        }),
      ],
      { now: NOW },
    );
    expect(result.certificates.map((c) => `${c.level}:${c.role}`)).toEqual([
      'root:istio-root',
      'intermediate:istio-intermediate',
    ]);
  });

  it('works on the Istio samples: combined root bundle + alt chain', async () => {
    const result = await assess(
      [
        {
          source: { kind: 'File', name: 'root-cert-combined.pem' },
          data: fixtureText('istio/istio/samples/certs/root-cert-combined.pem'),
          trustBundle: true,
          mesh: 'istio',
        },
        {
          source: { kind: 'File', name: 'cert-chain-alt.pem' },
          data: fixtureText('istio/istio/samples/certs/cert-chain-alt.pem'),
          mesh: 'istio',
        },
      ],
      { now: new Date('2026-11-24T00:00:00Z') },
    );
    expect(result.errors).toEqual([]);
    const roles = result.certificates.map((c) => c.role);
    expect(roles.filter((r) => r === 'istio-root').length).toBeGreaterThanOrEqual(2);
    expect(roles).toContain('istio-intermediate');
    expect(result.findings.filter((f) => f.severity === 'critical')).toEqual([]);
  });

  it('addFindings recomputes severities for cross-source rules', async () => {
    const { root } = await mintChain({ now: NOW });
    const base = await assess([materialOf(root)], { now: NOW });
    const fp = base.certificates[0]!.facts.fingerprint;
    const more = addFindings(base, [{ severity: 'warning', rule: 'x_rule', fingerprint: fp, message: 'm' }]);
    expect(more.certificates[0]!.severity).toBe('warning');
    expect(more.findings).toHaveLength(base.findings.length + 1);
    expect(worstSeverity([])).toBe('ok');
    expect(worstSeverity([{ severity: 'info' }, { severity: 'critical' }, { severity: 'warning' }])).toBe(
      'critical',
    );
  });

  it('gives the same certificates and findings whatever the material order', async () => {
    const a = await mintChain({ now: NOW, intermediates: 2 });
    const old = await mint({
      subject: 'CN=Test Root CA,O=certwatch',
      isCA: true,
      notBefore: at(-900),
      notAfter: at(-3),
    });
    const stray = await mint({
      subject: 'CN=stray',
      issuer: old,
      notBefore: at(-1),
      notAfter: at(400),
      dnsNames: ['x'],
    });
    const materials = [
      materialOf([a.root, old], { trustBundle: true, mesh: 'istio', name: 'bundle' }),
      materialOf([...a.intermediates].reverse(), {
        mesh: 'istio',
        role: 'istio-intermediate',
        name: 'cacerts',
      }),
      materialOf(a.leaf, { mesh: 'istio', name: 'leaf' }),
      materialOf(stray, { name: 'stray' }),
      materialOf(a.root, { mesh: 'istio', name: 'root-again' }),
    ];
    const render = (r: Awaited<ReturnType<typeof assess>>) =>
      JSON.stringify({
        c: r.certificates.map((c) => [
          c.facts.fingerprint,
          c.level,
          c.role,
          c.chainId,
          c.daysLeft,
          c.severity,
          c.sources,
        ]),
        f: r.findings,
      });
    const expected = render(await assess(materials, { now: NOW }));
    expect(expected).toContain('outlives_issuer');
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(materials, { minLength: materials.length }), async (shuffled) => {
        expect(render(await assess(shuffled, { now: NOW }))).toBe(expected);
      }),
      { numRuns: 15 },
    );
  });
});
