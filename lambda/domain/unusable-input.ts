/**
 * `unusable_input` (critical): an input the user named (a file given to `inspect`) that yields no
 * certificate — unreadable, empty, random bytes, corrupt base64 — so a CI gate never passes on
 * material it did not judge. Pure: works on the materials, the parse errors and the assessment.
 */
import { type Assessment, type CertificateMaterial, type Finding, sourceKey as key } from './model';
import type { SourceFailure } from './source-failure';

const FIX = 'Check the path and the file: inspect reads PEM bundles, DER certificates and SPIFFE JWK sets.';

/** One finding per named input that could not be read at all. */
export function unreadableInput(failure: SourceFailure): Finding {
  const name = failure.location?.name ?? failure.source;
  return {
    severity: 'critical',
    rule: 'unusable_input',
    ...(failure.location && { source: failure.location }),
    message: `${name} could not be read (${failure.reason}): ${failure.detail}; nothing in it was judged.`,
    remediation: FIX,
  };
}

/** One finding per material that was read but yielded no certificate, naming the parser's reasons. */
export function inputsWithoutCertificates(
  materials: readonly CertificateMaterial[],
  assessment: Assessment,
): Finding[] {
  const used = new Set<string>();
  for (const cert of assessment.certificates) for (const source of cert.sources) used.add(key(source));
  return materials
    .filter((m) => !used.has(key(m.source)))
    .map((m) => {
      const reasons = assessment.errors
        .filter((e) => e.source && key(e.source) === key(m.source))
        .map((e) => `${e.reason}: ${e.detail}`);
      const why = reasons.length > 0 ? reasons.join('; ') : emptyWhy(m);
      return {
        severity: 'critical',
        rule: 'unusable_input',
        source: m.source,
        message: `${m.source.name} yields no certificate (${why}); nothing in it was judged.`,
        remediation: FIX,
      };
    });
}

function emptyWhy(material: CertificateMaterial): string {
  return material.data.length === 0 ? 'the input is empty' : 'no PEM, DER or JWK certificate found';
}
