/**
 * Makes cert-manager Certificates first-class in an assessment: the certificate read from a
 * Certificate's Secret is linked to it (facts from the Secret), and a Certificate whose Secret was
 * not read (or did not parse) becomes a StatusCertificate (facts from its status). Each
 * Certificate appears once; one never issued (no Secret, no status.notAfter) has no certificate
 * and shows as its not-ready finding. Pure.
 */
import { worstSeverity } from '../assess';
import type { Assessment, CertManagerLink, CertSeverity, StatusCertificate } from '../model';
import type { CertManagerCertificateSignal, SourceSignal } from '../signals';
import { certificateNamespace, secretCertificate } from './secret-certificate';

const DAY_MS = 86_400_000;

function link(
  signal: CertManagerCertificateSignal,
  factsFrom: CertManagerLink['factsFrom'],
): CertManagerLink {
  const issuer = signal.issuerRef
    ? `${signal.issuerRef.kind ?? 'Issuer'}/${signal.issuerRef.name}`
    : undefined;
  return {
    namespace: certificateNamespace(signal),
    name: signal.source.name,
    secretName: signal.secretName,
    ready: signal.ready,
    ...(signal.renewalTime ? { renewalTime: signal.renewalTime } : {}),
    ...(issuer ? { issuer } : {}),
    factsFrom,
  };
}

/** One signal per Certificate (a Certificate listed twice counts once). */
function certificatesOf(signals: readonly SourceSignal[]): CertManagerCertificateSignal[] {
  const byKey = new Map<string, CertManagerCertificateSignal>();
  for (const s of signals) {
    if (s.type === 'cert-manager-certificate') byKey.set(`${certificateNamespace(s)}/${s.source.name}`, s);
  }
  return [...byKey.values()];
}

function statusCertificate(
  assessment: Assessment,
  signal: CertManagerCertificateSignal,
  now: Date,
): StatusCertificate | undefined {
  const notAfter = signal.notAfter ? new Date(Date.parse(signal.notAfter)) : undefined;
  if (!notAfter || Number.isNaN(notAfter.getTime())) return undefined;
  const notBefore = signal.notBefore ? new Date(Date.parse(signal.notBefore)) : undefined;
  const namespace = certificateNamespace(signal);
  const findings = assessment.findings.filter(
    (f) =>
      f.source?.kind === 'Certificate' &&
      (f.source.namespace ?? 'default') === namespace &&
      f.source.name === signal.source.name,
  );
  const expired = notAfter.getTime() <= now.getTime();
  const severity: CertSeverity = expired ? 'critical' : worstSeverity(findings);
  return {
    certManager: link(signal, 'status'),
    subject: signal.commonName ? `CN=${signal.commonName}` : '',
    dnsNames: signal.dnsNames ?? [],
    level: signal.isCA ? 'intermediate' : 'leaf',
    role: signal.isCA ? 'cert-manager-ca' : 'cert-manager-certificate',
    ...(notBefore && !Number.isNaN(notBefore.getTime()) ? { notBefore } : {}),
    notAfter,
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    severity,
  };
}

/** The assessment with every Certificate's certificate linked or added from status. */
export function linkCertManager(
  assessment: Assessment,
  signals: readonly SourceSignal[],
  now: Date,
): Assessment {
  const links = new Map<string, CertManagerLink>();
  const statusCertificates: StatusCertificate[] = [];
  for (const signal of certificatesOf(signals)) {
    const held = secretCertificate(assessment, signal);
    if (held) {
      if (!links.has(held.facts.fingerprint)) links.set(held.facts.fingerprint, link(signal, 'secret'));
      continue;
    }
    const fromStatus = statusCertificate(assessment, signal, now);
    if (fromStatus) statusCertificates.push(fromStatus);
  }
  if (links.size === 0 && statusCertificates.length === 0) return assessment;
  const certificates = assessment.certificates.map((c) => {
    const certManager = links.get(c.facts.fingerprint);
    return certManager ? { ...c, certManager } : c;
  });
  return { ...assessment, certificates, statusCertificates };
}
