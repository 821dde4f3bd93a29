/** One place for what to do: the short form (digest) and the full form (findings) of each action. */
import { assess } from '#domain/assess';
import { actionFor, ROLE_ACTIONS, replaceStep } from '#domain/remediation';
import { factsOf } from '#support/facts';
import { materialOf } from '#support/materials';
import { mint } from '#support/mint';

describe('actionFor (short form, for the digest)', () => {
  it.each([
    ['istio-root', 'root', 'istio', false, /Istio plug-in CA.*cacerts/],
    ['istio-intermediate', 'intermediate', 'istio', false, /cacerts Secret/],
    ['linkerd-trust-anchor', 'root', 'linkerd', false, /bundle new and old anchors.*issuer/],
    ['linkerd-issuer', 'intermediate', 'linkerd', false, /identity-issuer-certificate-file/],
    ['consul-root', 'root', 'consul', false, /consul connect ca set-config/],
    ['tls', 'leaf', 'cert-manager', true, /cert-manager renews it at renewalTime/],
    ['istio-workload', 'leaf', 'istio', true, /^None: istiod rotates/],
    ['vault-intermediate', 'intermediate', 'vault', false, /Vault PKI/],
    ['something', 'root', undefined, false, /root rotation by hand/],
    ['something', 'leaf', undefined, false, /replacement certificate/],
  ] as const)('%s (%s, %s, automatic=%s)', (role, level, mesh, automatic, expected) => {
    expect(actionFor(role, level, mesh, automatic)).toMatch(expected);
  });
});

describe('replaceStep (full form, for findings)', () => {
  it.each([
    ['istio-root', 'root', /root-cert\.pem.*restart istiod/],
    ['linkerd-issuer', 'intermediate', /step certificate create.*linkerd upgrade/],
    ['spire-root', 'root', /spire-server bundle show/],
    ['something', 'root', /Create a new root.*wherever Secret a\/b is trusted/],
    ['something', 'intermediate', /replace it at Secret a\/b/],
    ['something', 'leaf', /deploy it at Secret a\/b\.$/],
  ] as const)('%s (%s)', (role, level, expected) => {
    expect(replaceStep({ role, level, where: 'Secret a/b' })).toMatch(expected);
  });

  it('gives every known role both forms, the short one shorter', () => {
    for (const [role, action] of Object.entries(ROLE_ACTIONS)) {
      expect(action.short.length).toBeGreaterThan(20);
      expect(action.full.length).toBeGreaterThan(action.short.length * 0.5);
      expect(replaceStep({ role, level: 'root', where: 'x' })).toBe(action.full);
      expect(actionFor(role, 'root')).toBe(action.short);
    }
  });

  it('is what an expiring finding of that role carries', async () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const root = await mint({
      subject: 'CN=root.linkerd.cluster.local',
      isCA: true,
      notBefore: new Date('2025-06-01T00:00:00Z'),
      notAfter: new Date('2026-06-20T00:00:00Z'),
    });
    const result = await assess([materialOf(root, { mesh: 'linkerd', role: 'linkerd-trust-anchor' })], {
      now,
    });
    const expiring = result.findings.find(
      (f) => f.rule === 'expiring_soon' && f.fingerprint === factsOf(root).fingerprint,
    );
    expect(expiring?.remediation).toBe(ROLE_ACTIONS['linkerd-trust-anchor']!.full);
  });
});
