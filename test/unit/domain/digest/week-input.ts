/** A hand-built week for digest tests: three clusters, items inside and outside the window. */
import type { DigestInput, DigestUpcoming } from '#domain/digest/digest-input';

/** The fixed now of every digest test. */
export const NOW = new Date('2026-11-24T06:00:00Z');
/** `days` after NOW. */
export const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

/** An upcoming certificate with defaults for what a test does not care about. */
export function cert(
  over: Partial<DigestUpcoming> & Pick<DigestUpcoming, 'cluster' | 'role' | 'subject'>,
): DigestUpcoming {
  return { level: 'root', fingerprint: over.subject, notAfter: at(10), automatic: false, ...over };
}

const upcoming: DigestUpcoming[] = [
  cert({ cluster: 'prod-eu', mesh: 'istio', role: 'istio-root', subject: 'O=eu-root', notAfter: at(12) }),
  cert({
    cluster: 'prod-eu',
    mesh: 'istio',
    level: 'intermediate',
    role: 'istio-intermediate',
    subject: 'O=eu-intermediate',
    notAfter: at(25),
  }),
  cert({
    cluster: 'prod-us',
    mesh: 'linkerd',
    role: 'linkerd-trust-anchor',
    subject: 'CN=far-anchor',
    notAfter: at(40),
  }),
  cert({
    cluster: 'prod-us',
    mesh: 'linkerd',
    level: 'intermediate',
    role: 'linkerd-issuer',
    subject: 'CN=identity.linkerd.cluster.local',
    notAfter: at(35),
    plannedRotationAt: at(5),
    automatic: true,
  }),
  ...[1, 2, 3].map((n) =>
    cert({
      cluster: 'prod-eu',
      mesh: 'istio',
      level: 'leaf',
      role: 'istio-workload',
      subject: `CN=workload-${n}`,
      notAfter: at(1),
      plannedRotationAt: at(0.5),
      automatic: true,
    }),
  ),
  cert({
    cluster: 'staging',
    role: 'istio-root',
    mesh: 'istio',
    subject: 'O=ancient-root',
    notAfter: at(-200),
  }),
  cert({
    cluster: 'staging',
    level: 'intermediate',
    role: 'webhook-ca',
    subject: 'CN=webhook-ca',
    notAfter: at(-2),
  }),
  cert({
    cluster: 'prod-us',
    mesh: 'cert-manager',
    level: 'leaf',
    role: 'tls',
    subject: 'CN=shop.example.com',
    notAfter: at(27),
    plannedRotationAt: at(-3),
    automatic: true,
  }),
];

/** The week: 5 items due in 30 days (3 clusters), 1 beyond, 1 long expired, 3 routine workloads. */
export const input: DigestInput = {
  now: NOW,
  clusters: [
    {
      name: 'prod-eu',
      status: 'ok',
      lastScanAt: at(-0.1),
      lastSuccessAt: at(-0.1),
      certificateCount: 42,
      worstSeverity: 'critical',
    },
    {
      name: 'prod-us',
      status: 'partial',
      lastScanAt: at(-0.1),
      lastSuccessAt: at(-0.1),
      certificateCount: 17,
      worstSeverity: 'warning',
    },
    {
      name: 'staging',
      status: 'unreachable',
      lastScanAt: at(-0.1),
      lastSuccessAt: at(-3),
      certificateCount: 5,
      worstSeverity: 'critical',
    },
  ],
  upcoming,
  rotations: [
    {
      cluster: 'prod-eu',
      role: 'istio-intermediate',
      subject: 'O=old-int',
      oldNotAfter: at(6),
      newNotAfter: at(361),
      at: at(-4),
    },
  ],
  openAlerts: [
    {
      cluster: 'staging',
      severity: 'critical',
      rule: 'certificate_expired',
      message: 'webhook-ca expired 2 days ago.',
      openedAt: at(-2),
    },
  ],
  blindSpots: [
    {
      cluster: 'prod-us',
      source: 'linkerd',
      reason: 'permission_denied',
      detail: 'secrets "linkerd-identity-issuer" is forbidden',
    },
  ],
};
