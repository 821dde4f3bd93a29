import { diffObservations } from '#domain/history/diff';
import { observationsHash, toObservations } from '#domain/history/observations';
import type { Assessment } from '#domain/model';
import { type AssessedSpec, assessed, fingerprintOf } from '#support/fakes/assessed-certificate';

const T0 = new Date('2030-01-01T00:00:00Z');
const T1 = new Date('2030-01-01T01:00:00Z');
const secret = { kind: 'Secret', namespace: 'istio-system', name: 'cacerts', key: 'ca-cert.pem' };
const cm = (ns: string) => ({
  kind: 'ConfigMap',
  namespace: ns,
  name: 'istio-ca-root-cert',
  key: 'root-cert.pem',
});

function assessment(...specs: AssessedSpec[]): Assessment {
  return { certificates: specs.map(assessed), findings: [], errors: [] };
}
const spec = (name: string, over: Partial<AssessedSpec> = {}): AssessedSpec => ({
  name,
  notBefore: '2029-01-01T00:00:00Z',
  notAfter: '2031-01-01T00:00:00Z',
  sources: [secret],
  ...over,
});

describe('diffObservations', () => {
  const first = toObservations(assessment(spec('a'), spec('b', { sources: [cm('x')] })), [], [], T0);

  it('reports every certificate of a first scan as appeared and writes them all', () => {
    const d = diffObservations('c1', [], first, T0);
    expect(d.events.map((e) => [e.type, e.fingerprint])).toEqual([
      ['appeared', fingerprintOf('a')],
      ['appeared', fingerprintOf('b')],
    ]);
    expect(d.putObservations).toHaveLength(2);
    expect(d.deleteObservations).toEqual([]);
  });

  it('writes nothing and keeps the hash when nothing changed, whatever the source order', () => {
    const again = toObservations(assessment(spec('b', { sources: [cm('x')] }), spec('a')), first, [], T1);
    const d = diffObservations('c1', first, again, T1);
    expect(d.events).toEqual([]);
    expect(d.putObservations).toEqual([]);
    expect(observationsHash(d.observations)).toBe(observationsHash(first));
    expect(again.find((o) => o.fingerprint === fingerprintOf('a'))?.firstSeenAt).toBe(T0.toISOString());
  });

  it('sees a new fingerprint at the same source as a rotation with old and new notAfter', () => {
    const next = toObservations(
      assessment(spec('a2', { notAfter: '2032-01-01T00:00:00Z' }), spec('b', { sources: [cm('x')] })),
      first,
      [],
      T1,
    );
    const d = diffObservations('c1', first, next, T1);
    expect(d.events).toEqual([
      expect.objectContaining({
        type: 'rotated',
        fingerprint: fingerprintOf('a'),
        newFingerprint: fingerprintOf('a2'),
        oldNotAfter: '2031-01-01T00:00:00.000Z',
        newNotAfter: '2032-01-01T00:00:00.000Z',
        source: secret,
      }),
    ]);
    expect(d.deleteObservations).toEqual([fingerprintOf('a')]);
    expect(d.putObservations.map((o) => o.fingerprint)).toEqual([fingerprintOf('a2')]);
  });

  it('reports disappeared and severity changes', () => {
    const next = toObservations(assessment(spec('a', { severity: 'warning' })), first, [], T1);
    const d = diffObservations('c1', first, next, T1);
    expect(d.events.map((e) => [e.type, e.fromSeverity, e.toSeverity])).toEqual([
      ['severity_changed', 'ok', 'warning'],
      ['disappeared', undefined, undefined],
    ]);
  });

  it('keeps certificates a partial scan did not see, without reporting them disappeared', () => {
    const next = toObservations(assessment(spec('a')), first, [], T1);
    const d = diffObservations('c1', first, next, T1, true);
    expect(d.events).toEqual([]);
    expect(d.deleteObservations).toEqual([]);
    expect(d.observations.map((o) => o.fingerprint).sort()).toEqual(
      [fingerprintOf('a'), fingerprintOf('b')].sort(),
    );
    expect(observationsHash(d.observations)).toBe(observationsHash(first));
  });

  it('keeps only the unseen certificates the predicate carries over; the others disappear', () => {
    const next = toObservations(assessment(spec('a')), first, [], T1);
    const d = diffObservations('c1', first, next, T1, (o) => o.fingerprint !== fingerprintOf('b'));
    expect(d.events.map((e) => [e.type, e.fingerprint])).toEqual([['disappeared', fingerprintOf('b')]]);
    expect(d.deleteObservations).toEqual([fingerprintOf('b')]);
  });

  it('marks a certificate replaced at one source but still held elsewhere as superseded', () => {
    const prev = toObservations(assessment(spec('root', { sources: [secret, cm('x')] })), [], [], T0);
    const next = toObservations(
      assessment(spec('root', { sources: [cm('x')] }), spec('root2', { sources: [secret] })),
      prev,
      [],
      T1,
    );
    const d = diffObservations('c1', prev, next, T1);
    const old = d.observations.find((o) => o.fingerprint === fingerprintOf('root'));
    expect(old?.supersededBy).toBe(fingerprintOf('root2'));
    expect(d.events.map((e) => e.type)).toEqual(['rotated']);
  });

  it('takes renewalTime from the cert-manager Certificate writing the Secret', () => {
    const obs = toObservations(
      assessment(
        spec('a', { sources: [{ kind: 'Secret', namespace: 'apps', name: 'web-tls', key: 'tls.crt' }] }),
      ),
      [],
      [
        {
          type: 'cert-manager-certificate',
          source: { kind: 'Certificate', namespace: 'apps', name: 'web' },
          secretName: 'web-tls',
          ready: true,
          renewalTime: '2030-06-01T00:00:00Z',
        },
      ],
      T0,
    );
    expect(obs[0]?.renewalTime).toBe('2030-06-01T00:00:00Z');
  });
});
