/**
 * Test helpers: wrap minted certificates as CertificateMaterial, and look up assessment results.
 */
import type { Assessment, CertificateMaterial, Finding } from '#domain/model';
import type { MintedCert } from './mint';

/** PEM bundle of `certs` as one material at a made-up ConfigMap/Secret location. */
export function materialOf(
  certs: MintedCert | MintedCert[],
  extra: Partial<CertificateMaterial> & { name?: string } = {},
): CertificateMaterial {
  const list = Array.isArray(certs) ? certs : [certs];
  const { name, ...rest } = extra;
  return {
    source: { kind: 'Secret', namespace: 'test', name: name ?? 'material', key: 'tls.crt' },
    data: list.map((c) => c.pem).join(''),
    ...rest,
  };
}

/** Findings about one minted certificate (by fingerprint), as `rule:severity` strings. */
export function verdicts(assessment: Assessment, fingerprint: string): string[] {
  return assessment.findings
    .filter((f: Finding) => f.fingerprint === fingerprint)
    .map((f) => `${f.rule}:${f.severity}`)
    .sort();
}
