/**
 * History facts → the digest's upcoming items: observed certificates (expiring, or renewing by a
 * planned rotation) listed once each, and cert-manager Certificates known only from their status.
 * May import: domain.
 */
import type { DigestCertManagerRef, DigestUpcoming } from '../domain/digest/digest-input';
import type { CertManagerRecord } from '../domain/history/records';
import { rotationPoint, WORKLOAD_RENEWAL_FRACTION } from '../domain/history/rotation-point';
import { upstreamDigestAction } from '../domain/remediation';
import type { DigestCertificate, DigestCertManager, DigestFacts } from './send-digest-facts';

function refOf(r: CertManagerRecord): DigestCertManagerRef {
  return {
    namespace: r.namespace,
    name: r.name,
    secretName: r.secretName,
    ready: r.ready,
    ...(r.readyReason ? { readyReason: r.readyReason } : {}),
    ...(r.issuer ? { issuer: r.issuer } : {}),
  };
}

function observed(item: DigestCertificate): DigestUpcoming {
  const { certificate: c, observation: o } = item;
  const planned = rotationPoint(o);
  const automatic =
    o.renewalTime !== undefined ||
    (o.level === 'leaf' && o.mesh !== undefined && o.mesh in WORKLOAD_RENEWAL_FRACTION);
  const upstream = upstreamDigestAction(o.sources);
  return {
    cluster: item.cluster,
    ...(c.mesh ? { mesh: c.mesh } : {}),
    level: o.level,
    role: o.role,
    subject: c.subject,
    fingerprint: c.fingerprint,
    ...(item.certManager ? { certificate: refOf(item.certManager) } : {}),
    notAfter: new Date(c.notAfter),
    ...(planned ? { plannedRotationAt: planned } : {}),
    automatic,
    ...(upstream ? { action: upstream } : {}),
  };
}

/** A Certificate whose Secret was not read: its status gives the dates, spec.isCA the level. */
function statusOnly({ cluster, record: r }: DigestCertManager): DigestUpcoming {
  return {
    cluster,
    mesh: 'cert-manager',
    level: r.isCA ? 'intermediate' : 'leaf',
    role: r.isCA ? 'cert-manager-ca' : 'cert-manager-certificate',
    subject: '',
    certificate: refOf(r),
    notAfter: new Date(r.notAfter ?? Number.NaN),
    ...(r.renewalTime ? { plannedRotationAt: new Date(r.renewalTime) } : {}),
    automatic: true,
  };
}

/** Every upcoming item once: an observation both expiring and renewing is one item. */
export function upcomingItems(facts: DigestFacts): DigestUpcoming[] {
  const seen = new Set<string>();
  const items = [...facts.expiring, ...facts.renewalsDue].filter((i) => {
    const key = `${i.cluster}|${i.certificate.fingerprint}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [...items.map(observed), ...facts.certManager.map(statusOnly)];
}
