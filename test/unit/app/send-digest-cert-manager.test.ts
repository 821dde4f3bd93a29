/**
 * cert-manager Certificates in history and the digest: status kept compactly (one write for an
 * unchanged rescan), renewals listed whether or not the Secret was read, and never twice.
 */
import { type RecordScanDeps, recordScan } from '#app/record-scan';
import { readDigestInput, sendDigest } from '#app/send-digest';
import type { Assessment } from '#domain/model';
import type { CertManagerCertificateSignal } from '#domain/signals';
import { type AssessedSpec, assessed } from '#support/fakes/assessed-certificate';
import { FixedClock } from '#support/fakes/fixed-clock';
import { InMemoryHistoryStore } from '#support/fakes/in-memory-history-store';

const NOW = '2030-06-01T00:00:00Z';
const DAY = 86_400_000;
const iso = (days: number) => new Date(Date.parse(NOW) + days * DAY).toISOString();
const certificate = (
  name: string,
  over: Partial<CertManagerCertificateSignal> = {},
): CertManagerCertificateSignal => ({
  type: 'cert-manager-certificate',
  source: { kind: 'Certificate', namespace: 'apps', name },
  secretName: `${name}-tls`,
  ready: true,
  issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer' },
  ...over,
});
// Overdue (renewalTime 10 days ago), due (renews in 20 days), not due (60), never issued.
const web = certificate('web', { notAfter: iso(5), renewalTime: iso(-10), readyReason: 'Ready' });
const billing = certificate('billing', { notAfter: iso(50), renewalTime: iso(20) });
const later = certificate('later', { notAfter: iso(90), renewalTime: iso(60) });
const api = certificate('api', { ready: false, readyReason: 'DoesNotExist' });
const signals = [web, billing, later, api];
const none: Assessment = { certificates: [], findings: [], errors: [] };

function setup() {
  const store = new InMemoryHistoryStore();
  const clock = new FixedClock(NOW);
  const deps: RecordScanDeps = { store, notifiers: [], clock };
  return { store, clock, deps };
}

/** The web-tls Secret as a scan allowed to read it sees it: web's leaf in tls.crt, its CA in ca.crt. */
function secretRead(): Assessment {
  const at = (key: string) => ({ kind: 'Secret', namespace: 'apps', name: 'web-tls', key });
  const leaf: AssessedSpec = {
    name: 'web.apps.svc',
    notBefore: iso(-55),
    notAfter: iso(5),
    sources: [at('tls.crt')],
    level: 'leaf',
    role: 'cert-manager-certificate',
    mesh: 'cert-manager',
  };
  const ca: AssessedSpec = { ...leaf, name: 'internal-ca', notAfter: iso(8), level: 'root', role: 'ca' };
  return {
    certificates: [assessed(leaf), assessed({ ...ca, sources: [at('ca.crt')] })],
    findings: [],
    errors: [],
  };
}

describe('cert-manager status in history', () => {
  it('is written once, then an unchanged rescan writes exactly one item (its summary)', async () => {
    const { store, clock, deps } = setup();
    await recordScan(deps, { cluster: 'edge', assessment: none, status: 'ok', signals });
    expect([...(store.certManager.get('edge')?.keys() ?? [])].sort()).toEqual([
      'apps/api',
      'apps/billing',
      'apps/later',
      'apps/web',
    ]);
    const before = store.writes;
    clock.advance(3600_000);
    await recordScan(deps, { cluster: 'edge', assessment: none, status: 'ok', signals });
    expect(store.writes - before).toBe(1);
  });

  it('rewrites only the Certificate that changed, and deletes one that is gone', async () => {
    const { store, deps } = setup();
    await recordScan(deps, { cluster: 'edge', assessment: none, status: 'ok', signals });
    const before = store.writes;
    const renewed = { ...web, notAfter: iso(95), renewalTime: iso(65) };
    await recordScan(deps, {
      cluster: 'edge',
      assessment: none,
      status: 'ok',
      signals: [renewed, billing, later],
    });
    expect(store.writes - before).toBe(1 + 1 + 1); // summary, web, api deleted
    expect(store.certManager.get('edge')?.get('apps/web')?.renewalTime).toBe(iso(65));
    expect(store.certManager.get('edge')?.has('apps/api')).toBe(false);
  });

  it('keeps what it knew when the cluster is unreachable', async () => {
    const { store, deps } = setup();
    await recordScan(deps, { cluster: 'edge', assessment: none, status: 'ok', signals });
    await recordScan(deps, { cluster: 'edge', assessment: none, status: 'unreachable' });
    expect(store.certManager.get('edge')?.size).toBe(4);
  });
});

describe('the digest lists cert-manager renewals', () => {
  it('from the status alone when the Secret was not read: overdue and planned, nothing else', async () => {
    const { store, deps, clock } = setup();
    await recordScan(deps, { cluster: 'edge', assessment: none, status: 'ok', signals });
    const input = await readDigestInput(store, clock.now(), 30);
    expect(
      input.upcoming.map((u) => [u.certificate?.name, u.level, u.plannedRotationAt?.toISOString()]),
    ).toEqual([
      ['web', 'leaf', iso(-10)],
      ['billing', 'leaf', iso(20)],
    ]);
    const { digest } = await sendDigest({ store, notifiers: [], clock });
    const text = digest.text;
    expect(text).toContain('2030-05-22: leaf renewal OVERDUE, expires 2030-06-06 (in 5 days)');
    expect(text).toMatch(/cert-manager-certificate in edge\n\s+Certificate apps\/web \(Secret web-tls\)/);
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Action: Find why renewal stalls: kubectl describe certificate -n apps web; kubectl get certificaterequests -n apps; check the issuer (ClusterIssuer/internal-ca). Then cmctl renew -n apps web.',
    );
    expect(text).toContain('2030-06-21 (in 20 days): leaf renews, expires 2030-07-21');
    expect(text).toContain('Certificate apps/billing (Secret billing-tls)');
    expect(text).not.toContain('apps/later');
    expect(text).not.toContain('apps/api');
    expect(digest.subject).toBe('certwatch digest: 2 rotations due in the next 30 days (1 cluster)');
    expect(digest.summary).toContain(
      'Soonest: Certificate apps/web in edge, renewal overdue 2030-05-22 (10 days ago).',
    );
  });

  it('once, with subject and Certificate, when the Secret was read too; its ca.crt CA stays apart', async () => {
    const { store, deps, clock } = setup();
    await recordScan(deps, { cluster: 'edge', assessment: secretRead(), status: 'ok', signals: [web] });
    const input = await readDigestInput(store, clock.now(), 30);
    expect(
      input.upcoming.map((u) => [u.subject, u.certificate?.name, u.plannedRotationAt?.toISOString()]),
    ).toEqual([
      ['CN=web.apps.svc', 'web', iso(-10)],
      ['CN=internal-ca', undefined, undefined],
    ]);
    const { digest } = await sendDigest({ store, notifiers: [], clock });
    // Listed once among the due items (the summary above them names the soonest too).
    const due = digest.text.slice(digest.text.indexOf('Due in the next'));
    expect(due.match(/Certificate apps\/web/g)).toHaveLength(1);
    expect(digest.text).toMatch(
      /CN=web.apps.svc\n\s+Certificate apps\/web \(Secret web-tls\)\n\s+Action: Find why/,
    );
  });
});

describe('rotated since the last digest', () => {
  it('lists a CA rotated in tls.crt and ca.crt of one Secret once, with both places', async () => {
    const { store, deps, clock } = setup();
    const at = (key: string) => ({ kind: 'Secret', namespace: 'cert-manager', name: 'internal-ca', key });
    const ca = (name: string, notAfter: string): AssessedSpec => ({
      name,
      notBefore: iso(-400),
      notAfter,
      sources: [at('ca.crt'), at('tls.crt')],
      level: 'root',
      role: 'cert-manager-ca',
      mesh: 'cert-manager',
    });
    const scanOf = (spec: AssessedSpec): Assessment => ({
      certificates: [assessed(spec)],
      findings: [],
      errors: [],
    });
    await recordScan(deps, { cluster: 'edge', assessment: scanOf(ca('old-ca', iso(-10))), status: 'ok' });
    clock.advance(3600_000);
    await recordScan(deps, { cluster: 'edge', assessment: scanOf(ca('new-ca', iso(3650))), status: 'ok' });
    expect((await store.loadEvents('edge')).filter((e) => e.type === 'rotated')).toHaveLength(2);
    const { digest } = await sendDigest({ store, notifiers: [], clock });
    expect(digest.text).toMatch(
      /2030-06-01 edge: cert-manager-ca\n\s+CN=new-ca\n\s+expiry 2030-05-22 -> 2040-05-29\n\s+at Secret cert-manager\/internal-ca \(ca.crt, tls.crt\)\n/,
    );
    expect(digest.text.match(/edge: cert-manager-ca/g)).toHaveLength(1);
    expect(digest.summary).toContain('1 rotation done since last digest.');
  });
});
