import { assess } from '#domain/assess';
import type { Assessment, CertificateMaterial } from '#domain/model';
import { fixtureText } from '#support/facts';
import { materialOf, verdicts } from '#support/materials';
import { mint } from '#support/mint';

// `linkerd check` verdicts on linkerd2's own cli/cmd/testdata pairs, at a fixed now.
const NOW = new Date('2026-11-24T00:00:00Z');
const DIR = 'linkerd/linkerd2/cli/cmd/testdata';

function linkerdMaterials(pair: string): CertificateMaterial[] {
  return [
    {
      source: {
        kind: 'ConfigMap',
        namespace: 'linkerd',
        name: 'linkerd-config',
        key: 'values.identityTrustAnchorsPEM',
      },
      data: fixtureText(`${DIR}/${pair}-trust-anchors.pem`),
      mesh: 'linkerd',
      role: 'linkerd-trust-anchor',
      trustBundle: true,
    },
    {
      source: { kind: 'Secret', namespace: 'linkerd', name: 'linkerd-identity-issuer', key: 'crt.pem' },
      data: fixtureText(`${DIR}/${pair}-crt.pem`),
      mesh: 'linkerd',
      role: 'linkerd-issuer',
    },
  ];
}

// Verdicts on the certificate each source holds (the expired and not-valid-yet pairs are one
// self-signed certificate used as both anchor and issuer).
function bySource(result: Assessment): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of result.certificates)
    for (const s of c.sources) out[s.name] = verdicts(result, c.facts.fingerprint);
  return out;
}
const ANCHORS = 'linkerd-config';
const ISSUER = 'linkerd-identity-issuer';

describe('Linkerd identity rules reproduce linkerd check', () => {
  it.each([
    ['valid', [], [], ['linkerd-issuer', 'linkerd-trust-anchor']],
    ['valid-with-rsa-anchor', [], [], ['linkerd-issuer', 'linkerd-trust-anchor']],
    ['expired', ['expired:critical'], ['expired:critical'], ['linkerd-trust-anchor']],
    ['not-valid-yet', ['not_yet_valid:critical'], ['not_yet_valid:critical'], ['linkerd-trust-anchor']],
    [
      'wrong-algo',
      ['unsupported_algorithm:critical'],
      ['unsupported_algorithm:critical'],
      ['linkerd-issuer', 'linkerd-trust-anchor'],
    ],
  ])('%s → anchors %j, issuer %j', async (pair, anchors, issuer, roles) => {
    const result = await assess(linkerdMaterials(pair), { now: NOW });
    expect(result.errors).toEqual([]);
    expect(bySource(result)).toEqual({ [ANCHORS]: anchors, [ISSUER]: issuer });
    expect(result.certificates.map((c) => c.role).sort()).toEqual(roles);
  });

  it('names the algorithm problem and the next step', async () => {
    const result = await assess(linkerdMaterials('wrong-algo'), { now: NOW });
    const issuer = result.findings.find(
      (f) => f.rule === 'unsupported_algorithm' && f.source?.name === 'linkerd-identity-issuer',
    );
    expect(issuer?.message).toContain('P-521');
    expect(issuer?.message).toContain('ECDSA P-256');
    expect(issuer?.remediation).toContain('linkerd upgrade');
  });

  it('warns 60 days before an issuer expires even when the generic thresholds would not', async () => {
    const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
    const anchor = await mint({
      subject: 'CN=identity.linkerd.cluster.local',
      isCA: true,
      notBefore: day(-10),
      notAfter: day(3000),
    });
    const issuer = await mint({
      subject: 'CN=identity.linkerd.cluster.local',
      issuer: anchor,
      isCA: true,
      notBefore: day(-10),
      notAfter: day(50),
    });
    const policy = { intermediate: { warningDays: 10, warningFraction: 0, criticalDays: 5 } };
    const asLinkerd = await assess(
      [
        materialOf(anchor, { mesh: 'linkerd', role: 'linkerd-trust-anchor', trustBundle: true, name: 'a' }),
        materialOf(issuer, { mesh: 'linkerd', role: 'linkerd-issuer' }),
      ],
      { now: NOW, policy },
    );
    const generic = await assess([materialOf(anchor, { name: 'a' }), materialOf(issuer)], {
      now: NOW,
      policy,
    });
    const issuerFp = asLinkerd.certificates.find((c) => c.role === 'linkerd-issuer')!.facts.fingerprint;
    expect(verdicts(asLinkerd, issuerFp)).toEqual(['expiring_soon:warning']);
    expect(verdicts(generic, issuerFp)).toEqual([]);
  });
});
