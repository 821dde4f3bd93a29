/**
 * What a Certificate's Secret was found to hold: the certificate at the bottom of its tls.crt
 * (the one the Certificate is about; the rest is its chain), or the parse error of tls.crt. Pure.
 */
import type { AssessedCertificate, Assessment, ParseError, SourceLocation } from '../model';
import type { CertManagerCertificateSignal } from '../signals';

function isSecretKey(source: SourceLocation | undefined, namespace: string, name: string): boolean {
  return (
    source?.kind === 'Secret' &&
    source.namespace === namespace &&
    source.name === name &&
    source.key === 'tls.crt'
  );
}

/** `namespace` of a Certificate signal (`default` when absent, as the API server would). */
export function certificateNamespace(signal: CertManagerCertificateSignal): string {
  return signal.source.namespace ?? 'default';
}

/** The certificate of the Certificate's Secret (tls.crt, not its chain), when the Secret was read. */
export function secretCertificate(
  assessment: Assessment,
  signal: CertManagerCertificateSignal,
): AssessedCertificate | undefined {
  const namespace = certificateNamespace(signal);
  const inSecret = assessment.certificates.filter((c) =>
    c.sources.some((s) => isSecretKey(s, namespace, signal.secretName)),
  );
  // The leaf signed nothing else in the file; a lone CA (isCA Certificates) is its own bottom.
  const issuers = new Set(inSecret.flatMap((c) => (c.issuerFingerprint ? [c.issuerFingerprint] : [])));
  return inSecret.find((c) => !issuers.has(c.facts.fingerprint)) ?? inSecret[0];
}

/** The parse error of the Certificate's Secret's tls.crt, when it was read and does not parse. */
export function secretParseError(
  assessment: Assessment,
  signal: CertManagerCertificateSignal,
): ParseError | undefined {
  return assessment.errors.find((e) =>
    isSecretKey(e.source, certificateNamespace(signal), signal.secretName),
  );
}
