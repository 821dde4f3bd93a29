/** buildDigest on a hand-built week: what is listed, in what order, and how it reads on a phone. */
import { buildDigest } from '#domain/digest/build-digest';
import { cert, input } from './week-input';

describe('buildDigest', () => {
  const digest = buildDigest(input);
  const lines = digest.text.split('\n');

  it('counts what is due in the subject', () => {
    expect(digest.subject).toBe('certwatch digest: 5 rotations due in the next 30 days (3 clusters)');
  });

  it('lists each due item with date, level, cluster and action', () => {
    const text = digest.text;
    expect(text).toContain('2026-12-06 (in 12 days): root expires');
    expect(text).toContain('istio-root in prod-eu');
    expect(text).toContain('Action: Rotate the Istio plug-in CA by hand');
    expect(text).toContain('2026-12-19 (in 25 days): intermediate expires');
    expect(text).toContain('2026-11-29 (in 5 days): intermediate renews, expires 2026-12-29');
    expect(text).toContain('linkerd-issuer in prod-us');
    expect(text).toContain('tls (cert-manager) in prod-us');
    expect(text).toContain('2026-11-22 (2 days ago): intermediate EXPIRED');
    expect(text).toMatch(
      /webhook-ca in staging\n\s+CN=webhook-ca\n\s+Action: Re-issue the webhook serving CA/,
    );
    expect(text).toContain('2026-11-21: leaf renewal OVERDUE, expires 2026-12-21 (in 27 days)');
  });

  it('counts on-time workload rotations instead of listing them', () => {
    expect(digest.text).toContain('3 workload certificates rotate automatically (first 2026-11-24)');
    expect(digest.text).not.toContain('CN=workload-1');
  });

  it('leaves out what is beyond the window and what expired long ago', () => {
    expect(digest.text).not.toContain('CN=far-anchor');
    expect(digest.text).not.toContain('O=ancient-root');
  });

  it('orders clusters by their soonest item and levels roots first', () => {
    const pos = (s: string) => digest.text.indexOf(s);
    expect(pos('Cluster prod-us')).toBeLessThan(pos('Cluster staging'));
    expect(pos('Cluster staging')).toBeLessThan(pos('Cluster prod-eu'));
    expect(pos('O=eu-root')).toBeLessThan(pos('O=eu-intermediate'));
    expect(pos('CN=identity.linkerd.cluster.local')).toBeLessThan(pos('CN=shop.example.com'));
  });

  it('reports rotations, open alerts, blind spots and one health line per cluster', () => {
    expect(digest.text).toContain('2026-11-20 prod-eu: istio-intermediate');
    expect(digest.text).toContain('expiry 2026-11-30 -> 2027-11-20');
    expect(digest.text).toMatch(
      /CRITICAL staging: certificate_expired \(open since 2026-11-22, 2\s+days ago\)/,
    );
    expect(digest.text).toContain('prod-us linkerd: permission_denied');
    const health = lines.slice(lines.indexOf('Cluster health'));
    expect(health.filter((l) => /^ {2}(prod-eu|prod-us|staging): /.test(l))).toHaveLength(3);
    expect(digest.text).toContain('staging: unreachable, 5 certs, worst critical');
    expect(digest.text).toMatch(/last good scan\s+2026-11-21 06:00Z \(3 days ago\)/);
  });

  it('is readable on a phone: short lines, no markdown', () => {
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(70);
    expect(digest.text).not.toMatch(/\*\*|`|^#|\|/m);
  });

  it('gives chat a short summary with the soonest item and what needs attention', () => {
    expect(digest.summary).toContain('5 rotations due in the next 30 days.');
    expect(digest.summary).toContain('Soonest: tls in prod-us, renewal overdue 2026-11-21 (3 days ago).');
    expect(digest.summary).toContain('1 open alert (1 critical).');
    expect(digest.summary).toContain('Not fully scanned: prod-us partial, staging unreachable.');
    expect(digest.summary.length).toBeLessThan(400);
  });
});

describe('buildDigest options and edges', () => {
  it('widens the window on request', () => {
    const wide = buildDigest({ ...input, windowDays: 60 });
    expect(wide.text).toContain('CN=far-anchor');
    expect(wide.subject).toBe('certwatch digest: 6 rotations due in the next 60 days (3 clusters)');
  });

  it('says nothing is due when nothing is', () => {
    const quiet = buildDigest({ ...input, upcoming: [], openAlerts: [], blindSpots: [], rotations: [] });
    expect(quiet.subject).toBe('certwatch digest: nothing due in the next 30 days (3 clusters watched)');
    expect(quiet.text).toContain('Nothing expires or is due for rotation.');
    expect(quiet.summary.startsWith('Nothing due in the next 30 days.')).toBe(true);
  });

  it('wraps long subjects and names within 70 characters', () => {
    const subject = `CN=${'very-long-name.'.repeat(12)}example.com,O=${'Org '.repeat(20)}`;
    const long = buildDigest({
      ...input,
      upcoming: [cert({ cluster: 'c'.repeat(90), role: 'istio-root', subject })],
    });
    for (const line of long.text.split('\n')) expect(line.length).toBeLessThanOrEqual(70);
    expect(long.text.replace(/\s+/g, '')).toContain(subject.replace(/\s+/g, ''));
  });

  it('counts items with unreadable dates instead of dropping them silently', () => {
    const bad = buildDigest({
      ...input,
      upcoming: [cert({ cluster: 'x', role: 'r', subject: 's', notAfter: new Date(Number.NaN) })],
    });
    expect(bad.text).toContain('1 certificate left out: unreadable dates.');
  });

  it('rejects a window that is not a positive number of days', () => {
    expect(() => buildDigest({ ...input, windowDays: 0 })).toThrow(
      'windowDays must be a positive number of days, got 0',
    );
  });

  it('uses the action given in the input over the default', () => {
    const custom = buildDigest({
      ...input,
      upcoming: [cert({ cluster: 'x', role: 'istio-root', subject: 's', action: 'Call Ana.' })],
    });
    expect(custom.text).toContain('Action: Call Ana.');
    expect(custom.text).not.toContain('plug-in CA');
  });
});
