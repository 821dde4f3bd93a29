/**
 * Status per source, not per cluster: what a scan that read some sources completely and others
 * not may conclude. Certificates of completely read sources are judged (and their alerts resolved)
 * normally; only what an incomplete source would have said is carried over from the last good scan,
 * neither resolved nor re-opened. Findings drawn from a source's whole view (a stale copy, a root
 * not distributed) follow the same rule: while that source is not read completely their alerts
 * are carried over. Blind spots are this scan's own findings: one that is gone resolves. Pure.
 */
import type { Finding, Mesh } from '../model';
import type { SourceRead } from '../source-failure';
import { type FindingBasis, findingBasis } from './finding-basis';
import type { AlertRecord, ObservationRecord } from './records';

/** The cluster source that reads a mesh's certificates (`generic` = the opt-in TLS Secret list). */
const SOURCE_OF_MESH: Readonly<Partial<Record<Mesh, string>>> = { generic: 'tls-secrets' };

/** What one recorded scan could read, for carry-over and alert resolution. */
export interface ReadCoverage {
  /** Sources run this scan, with how completely each was read; absent = the scan says nothing per source. */
  readonly sources?: readonly SourceRead[];
  /** Fingerprints this scan saw. */
  readonly seen: ReadonlySet<string>;
}

/** True when the source that reads `mesh` was read completely (unknown meshes: when every source was). */
export function meshReadCompletely(coverage: ReadCoverage, mesh: Mesh | undefined): boolean {
  const sources = coverage.sources;
  if (!sources) return false;
  const name = mesh ? (SOURCE_OF_MESH[mesh] ?? mesh) : undefined;
  const source = name ? sources.find((s) => s.name === name) : undefined;
  return source ? source.status === 'complete' : sources.every((s) => s.status === 'complete');
}

/** True when a previous observation not seen now is kept: its source was not read completely. */
export function carriedOver(coverage: ReadCoverage, previous: ObservationRecord): boolean {
  return !coverage.seen.has(previous.fingerprint) && !meshReadCompletely(coverage, previous.mesh);
}

/** True when every source `basis` names that ran this scan was read completely (unknown sources: false). */
function basisReadCompletely(sources: readonly SourceRead[] | undefined, basis: FindingBasis): boolean {
  if (!sources) return false;
  return basis.sources.every((name) => {
    const read = sources.find((s) => s.name === name);
    return read === undefined || read.status === 'complete';
  });
}

/** True when every source a finding of `rule` rests on that ran was read completely (any rule: true when it rests on none). */
export function ruleSourcesReadCompletely(rule: string, sources: readonly SourceRead[]): boolean {
  const basis = findingBasis(rule);
  return basis === undefined || basisReadCompletely(sources, basis);
}

/**
 * Whether a finding of this (reached, partial) scan may open or change an alert: not when it
 * compares a whole view one of its sources did not give completely (the open alert, if any, is
 * carried over as it was).
 */
export function partialScanOpens(finding: Finding, coverage: ReadCoverage): boolean {
  const basis = findingBasis(finding.rule);
  return !basis?.wholeView || basisReadCompletely(coverage.sources, basis);
}

/**
 * Whether an open alert whose finding this (reached, partial) scan did not produce may resolve:
 * a blind spot that is gone, a finding whose sources were all read completely, a certificate seen
 * again or gone from a completely read source. Other findings wait for a scan where every source
 * is complete.
 */
export function partialScanResolves(
  record: Pick<AlertRecord, 'finding'>,
  coverage: ReadCoverage,
  observations: ReadonlyMap<string, Pick<ObservationRecord, 'mesh'>>,
): boolean {
  const finding: Finding = record.finding;
  if (finding.rule === 'blind_spot') return true;
  const basis = findingBasis(finding.rule);
  if (basis) return basisReadCompletely(coverage.sources, basis);
  const fp = finding.fingerprint;
  if (fp === undefined) return false;
  if (coverage.seen.has(fp)) return true;
  const known = observations.get(fp);
  return known !== undefined && meshReadCompletely(coverage, known.mesh);
}
