/**
 * What the cross-source rules see: one cluster's assessment plus the signals and read failures of
 * its sources, and helpers to find the certificates seen at a given place. Pure.
 */
import type { AssessedCertificate, Assessment, Finding, SourceLocation } from '../model';
import type { RiskPolicy } from '../policy';
import type { SourceSignal } from '../signals';
import type { SourceFailure } from '../source-failure';

/** A source read that failed (the domain's SourceFailure). */
export type ReadFailure = SourceFailure;

/** One cluster's input to the cross-source rules. */
export interface CrossSourceInput {
  readonly assessment: Assessment;
  readonly signals: readonly SourceSignal[];
  readonly failures: readonly ReadFailure[];
  readonly now: Date;
  readonly policy: RiskPolicy;
}

/** A cross-source rule: a stable id and a pure evaluation over one cluster. */
export interface CrossSourceRule {
  readonly id: string;
  evaluate(input: CrossSourceInput): Finding[];
}

/** Stable key of a location (`kind/namespace/name/key`). */
export function locationKey(source: SourceLocation): string {
  return [source.kind, source.namespace ?? '', source.name, source.key ?? ''].join('/');
}

/** `ConfigMap team-a/istio-ca-root-cert key root-cert.pem`, for messages. */
export function describeLocation(source: SourceLocation): string {
  const ns = source.namespace ? `${source.namespace}/` : '';
  return `${source.kind} ${ns}${source.name}${source.key ? ` key ${source.key}` : ''}`;
}

/** The certificates seen at one place. */
export interface Placement {
  readonly location: SourceLocation;
  readonly certificates: AssessedCertificate[];
}

/** Every place matching `where`, with the certificates seen there (places in first-seen order). */
export function placements(assessment: Assessment, where: (source: SourceLocation) => boolean): Placement[] {
  const byKey = new Map<string, Placement>();
  for (const cert of assessment.certificates) {
    for (const source of cert.sources) {
      if (!where(source)) continue;
      const key = locationKey(source);
      const found = byKey.get(key) ?? { location: source, certificates: [] };
      found.certificates.push(cert);
      byKey.set(key, found);
    }
  }
  return [...byKey.values()];
}

/** Fingerprints of the certificates of some placements. */
export function fingerprints(list: readonly Placement[]): Set<string> {
  return new Set(list.flatMap((p) => p.certificates.map((c) => c.facts.fingerprint)));
}

/** Same members. */
export function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** `a, b, c and 4 more`, for messages naming many objects. */
export function listNames(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
