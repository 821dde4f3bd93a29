/** cert-manager status in history: compact records from signals, and a diff that writes only changes. */
import { diffCertManager, toCertManagerRecords } from '#domain/history/cert-manager-records';
import type { CertManagerCertificateSignal, SourceSignal } from '#domain/signals';

const signal = (
  name: string,
  over: Partial<CertManagerCertificateSignal> = {},
): CertManagerCertificateSignal => ({
  type: 'cert-manager-certificate',
  source: { kind: 'Certificate', namespace: 'apps', name },
  secretName: `${name}-tls`,
  ready: true,
  readyReason: 'Ready',
  readyMessage: 'Certificate is up to date and has not expired',
  notAfter: '2030-07-01T00:00:00Z',
  renewalTime: '2030-06-01T00:00:00Z',
  issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer' },
  ...over,
});

describe('toCertManagerRecords', () => {
  it('keeps names, dates, readiness and issuer, and drops the free-text message', () => {
    const other: SourceSignal = {
      type: 'ca-issuer',
      source: { kind: 'ClusterIssuer', name: 'internal-ca' },
      secretName: 'internal-ca',
      secretNamespace: 'cert-manager',
      ready: true,
    };
    expect(toCertManagerRecords([signal('web', { isCA: true }), other])).toEqual([
      {
        namespace: 'apps',
        name: 'web',
        secretName: 'web-tls',
        ready: true,
        readyReason: 'Ready',
        notAfter: '2030-07-01T00:00:00Z',
        renewalTime: '2030-06-01T00:00:00Z',
        isCA: true,
        issuer: 'ClusterIssuer/internal-ca',
      },
    ]);
  });

  it('sorts by namespace/name and keeps one record per Certificate', () => {
    const records = toCertManagerRecords([signal('web'), signal('api'), signal('web', { ready: false })]);
    expect(records.map((r) => [r.name, r.ready])).toEqual([
      ['api', true],
      ['web', false],
    ]);
  });

  it('places a Certificate without namespace in default and an issuerRef without kind as Issuer', () => {
    const [record] = toCertManagerRecords([
      signal('x', { source: { kind: 'Certificate', name: 'x' }, issuerRef: { name: 'ca' } }),
    ]);
    expect(record).toMatchObject({ namespace: 'default', issuer: 'Issuer/ca' });
  });
});

describe('diffCertManager', () => {
  const [web, api] = toCertManagerRecords([signal('web'), signal('api')]).reverse();

  it('writes nothing when nothing changed', () => {
    const diff = diffCertManager([web!, api!], toCertManagerRecords([signal('api'), signal('web')]));
    expect(diff.put).toEqual([]);
    expect(diff.delete).toEqual([]);
    expect(diff.records).toHaveLength(2);
  });

  it('puts new and changed records (a renewal moves renewalTime) and deletes vanished ones', () => {
    const renewed = toCertManagerRecords([signal('web', { renewalTime: '2030-06-20T00:00:00Z' })]);
    const diff = diffCertManager([web!, api!], [...renewed, ...toCertManagerRecords([signal('new')])]);
    expect(diff.put.map((r) => [r.name, r.renewalTime])).toEqual([
      ['web', '2030-06-20T00:00:00Z'],
      ['new', '2030-06-01T00:00:00Z'],
    ]);
    expect(diff.delete).toEqual(['apps/api']);
  });

  it('keeps records not seen on a partial scan', () => {
    const diff = diffCertManager([web!, api!], [web!], true);
    expect(diff.delete).toEqual([]);
    expect(diff.put).toEqual([]);
    expect(diff.records.map((r) => r.name).sort()).toEqual(['api', 'web']);
  });
});
