/** Rotations since the last digest: one per (cluster, old → new fingerprint), places merged. */
import { digestRotations, placesOf } from '#domain/digest/digest-rotations';
import type { HistoryEvent } from '#domain/history/records';

const rotated = (over: Partial<HistoryEvent>): HistoryEvent => ({
  cluster: 'edge',
  at: '2030-06-01T00:00:00.000Z',
  type: 'rotated',
  fingerprint: 'old',
  newFingerprint: 'new',
  subject: 'CN=internal-ca',
  role: 'cert-manager-ca',
  oldNotAfter: '2030-05-20T00:00:00.000Z',
  newNotAfter: '2040-05-20T00:00:00.000Z',
  ...over,
});
const at = (key: string, name = 'internal-ca') => ({ kind: 'Secret', namespace: 'cert-manager', name, key });

describe('digestRotations', () => {
  it('lists a certificate rotated in two keys of one Secret once, with both keys', () => {
    const rotations = digestRotations([
      rotated({ source: at('tls.crt') }),
      rotated({ source: at('ca.crt') }),
    ]);
    expect(rotations).toEqual([
      {
        cluster: 'edge',
        role: 'cert-manager-ca',
        subject: 'CN=internal-ca',
        places: ['Secret cert-manager/internal-ca (ca.crt, tls.crt)'],
        oldNotAfter: new Date('2030-05-20T00:00:00Z'),
        newNotAfter: new Date('2040-05-20T00:00:00Z'),
        at: new Date('2030-06-01T00:00:00Z'),
      },
    ]);
  });

  it('keeps rotations apart by cluster and by old → new pair; takes the first sighting', () => {
    const rotations = digestRotations([
      rotated({ source: at('tls.crt'), at: '2030-06-02T00:00:00.000Z' }),
      rotated({ source: at('ca.crt', 'copy'), at: '2030-06-01T00:00:00.000Z' }),
      rotated({ cluster: 'core', source: at('tls.crt') }),
      rotated({ fingerprint: 'older', source: at('tls.crt') }),
      { ...rotated({}), type: 'appeared' },
    ]);
    expect(rotations.map((r) => [r.cluster, r.places, r.at.toISOString()])).toEqual([
      [
        'edge',
        ['Secret cert-manager/copy (ca.crt)', 'Secret cert-manager/internal-ca (tls.crt)'],
        '2030-06-01T00:00:00.000Z',
      ],
      ['core', ['Secret cert-manager/internal-ca (tls.crt)'], '2030-06-01T00:00:00.000Z'],
      ['edge', ['Secret cert-manager/internal-ca (tls.crt)'], '2030-06-01T00:00:00.000Z'],
    ]);
  });

  it('falls back to fingerprints and event time when the event lacks names and dates', () => {
    const [r] = digestRotations([
      { cluster: 'c', at: '2030-06-01T00:00:00.000Z', type: 'rotated', fingerprint: 'f' },
    ]);
    expect(r).toEqual({
      cluster: 'c',
      role: 'unknown',
      subject: 'f',
      oldNotAfter: new Date('2030-06-01T00:00:00Z'),
      newNotAfter: new Date('2030-06-01T00:00:00Z'),
      at: new Date('2030-06-01T00:00:00Z'),
    });
  });
});

describe('placesOf', () => {
  it('names cluster-scoped objects without a namespace and keyless sources without keys', () => {
    expect(placesOf([{ kind: 'ValidatingWebhookConfiguration', name: 'hook' }, at('a.crt')])).toEqual([
      'Secret cert-manager/internal-ca (a.crt)',
      'ValidatingWebhookConfiguration hook',
    ]);
  });
});
