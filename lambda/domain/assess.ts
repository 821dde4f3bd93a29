/**
 * The domain pipeline: materials → parse (one fingerprint cache) → one entry per certificate with
 * all its sources → chains → level and role → rules → Assessment. Pure: no clock (`now` is given).
 */
import type { X509Certificate } from 'node:crypto';
import { boundedFinding } from './bounded-text';
import { buildChains, type ChainLink, classifyRole, type RoleHint, type SignatureCache } from './chain';
import { cmp } from './chain/link-issuers';
import type {
  AssessedCertificate,
  Assessment,
  CertificateFacts,
  CertificateMaterial,
  CertSeverity,
  Finding,
  Mesh,
  ParseError,
  SourceLocation,
} from './model';
import { sourceKey } from './model';
import { parseMaterial } from './parse';
import { type PolicyOverrides, resolvePolicy } from './policy';
import { type CertView, evaluateRules } from './rules';
import { DAY_MS } from './time';

/** Options of {@link assess}. */
export interface AssessOptions {
  readonly now: Date;
  readonly policy?: PolicyOverrides;
  /** Explicitly trusted anchors: every certificate must chain to one of them. */
  readonly trustBundle?: readonly CertificateMaterial[];
  /** Share across calls to skip signatures already checked. @default a fresh cache */
  readonly signatureCache?: SignatureCache;
  /** Fingerprint → facts, shared across calls so repeated bundles are parsed once. @default fresh */
  readonly factsCache?: Map<string, CertificateFacts>;
}

interface Observed {
  readonly facts: CertificateFacts;
  readonly sources: Map<string, SourceLocation>;
  readonly bundles: Set<string>;
  readonly hints: RoleHint[];
  readonly meshes: Set<Mesh>;
  explicitTrust: boolean;
}

/** Judges every certificate in `materials` at `options.now`. Never throws on bad input. */
export async function assess(
  materials: readonly CertificateMaterial[],
  options: AssessOptions,
): Promise<Assessment> {
  const explicit = (options.trustBundle ?? []).map((m) => ({ ...m, trustBundle: true }));
  // The parser's native certificates go to the chain step, which then parses nothing twice.
  const natives = new Map<string, X509Certificate>();
  const { observed, errors } = observe([...materials], explicit, options.factsCache ?? new Map(), natives);
  const trusted = new Set<string>();
  for (const o of observed.values())
    if (o.explicitTrust || o.bundles.size > 0) trusted.add(o.facts.fingerprint);
  const chains = await buildChains(
    [...observed.values()].map((o) => ({ facts: o.facts, trustBundle: o.bundles.size > 0 })),
    { now: options.now, cache: options.signatureCache, trusted, natives },
  );
  const scopedMeshes = new Set<Mesh>();
  for (const m of materials) if (m.trustBundle && m.mesh && m.mesh !== 'generic') scopedMeshes.add(m.mesh);
  const views = toViews(observed, chains, explicit.length > 0, scopedMeshes);
  const findings = evaluateRules(views, options.now, resolvePolicy(options.policy)).map(boundedFinding);
  const byFingerprint = groupByFingerprint(findings);
  const certificates = [...views.values()].map((v) =>
    toAssessed(v, options.now, byFingerprint.get(v.facts.fingerprint) ?? []),
  );
  return { certificates: sortCertificates(certificates), findings, errors };
}

/** Adds findings (e.g. from cross-source rules) and recomputes each certificate's severity. */
export function addFindings(assessment: Assessment, extra: readonly Finding[]): Assessment {
  const findings = [...assessment.findings, ...extra.map(boundedFinding)];
  const byFingerprint = groupByFingerprint(findings);
  const certificates = assessment.certificates.map((c) => ({
    ...c,
    severity: worstSeverity(byFingerprint.get(c.facts.fingerprint) ?? []),
  }));
  return { ...assessment, certificates, findings };
}

/** The worst severity among `findings`, `ok` when there are none. */
export function worstSeverity(findings: readonly Pick<Finding, 'severity'>[]): CertSeverity {
  const rank: Record<CertSeverity, number> = { ok: 0, info: 1, warning: 2, critical: 3 };
  let worst: CertSeverity = 'ok';
  for (const f of findings) if (rank[f.severity] > rank[worst]) worst = f.severity;
  return worst;
}

// Findings per certificate, built once: filtering every finding for every certificate is quadratic.
function groupByFingerprint(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.fingerprint === undefined) continue;
    const list = groups.get(f.fingerprint);
    if (list) list.push(f);
    else groups.set(f.fingerprint, [f]);
  }
  return groups;
}

function observe(
  materials: CertificateMaterial[],
  explicit: CertificateMaterial[],
  cache: Map<string, CertificateFacts>,
  natives: Map<string, X509Certificate>,
): { observed: Map<string, Observed>; errors: ParseError[] } {
  const observed = new Map<string, Observed>();
  const errors: ParseError[] = [];
  const all = [
    ...materials.map((m) => ({ m, explicit: false })),
    ...explicit.map((m) => ({ m, explicit: true })),
  ];
  for (const { m, explicit: isExplicit } of all) {
    const parsed = parseMaterial(m.data, cache, natives);
    for (const e of parsed.errors) errors.push({ ...e, source: e.source ?? m.source });
    for (const { facts, position } of parsed.certificates) {
      let o = observed.get(facts.fingerprint);
      if (!o) {
        o = {
          facts,
          sources: new Map(),
          bundles: new Set(),
          hints: [],
          meshes: new Set(),
          explicitTrust: false,
        };
        observed.set(facts.fingerprint, o);
      }
      const key = sourceKey(m.source);
      o.sources.set(key, m.source);
      if (m.trustBundle) o.bundles.add(key);
      if (m.role) o.hints.push({ role: m.role, position });
      if (m.mesh) o.meshes.add(m.mesh);
      o.explicitTrust ||= isExplicit;
    }
  }
  return { observed, errors };
}

function toViews(
  observed: Map<string, Observed>,
  chains: Map<string, ChainLink>,
  explicitTrust: boolean,
  scopedMeshes: Set<Mesh>,
): Map<string, CertView> {
  const views = new Map<string, CertView>();
  for (const [fp, chain] of chains) {
    const o = observed.get(fp)!;
    const mesh = pickMesh(o.meshes);
    views.set(fp, {
      facts: o.facts,
      chain,
      level: chain.level,
      role: classifyRole(chain.level, o.hints, mesh),
      mesh,
      sources: [...o.sources.entries()].sort(([a], [b]) => cmp(a, b)).map(([, s]) => s),
      bundles: [...o.bundles].sort(cmp),
      trustScoped: explicitTrust || (mesh !== undefined && scopedMeshes.has(mesh)),
    });
  }
  return views;
}

// A certificate seen by two sources (e.g. cert-manager and Istio) belongs to the mesh, not to generic;
// one read from an upstream CA (Vault, Private CA) belongs to it even when a mesh bundles it too.
function pickMesh(meshes: Set<Mesh>): Mesh | undefined {
  const sorted = [...meshes].sort(cmp);
  return (
    sorted.find((m) => m === 'vault' || m === 'aws-pca') ?? sorted.find((m) => m !== 'generic') ?? sorted[0]
  );
}

/** `own` are the findings about this certificate. */
function toAssessed(view: CertView, now: Date, own: readonly Finding[]): AssessedCertificate {
  const { chain } = view;
  return {
    facts: view.facts,
    sources: view.sources,
    mesh: view.mesh,
    level: view.level,
    role: view.role,
    issuerFingerprint: chain.issuerFingerprint,
    effectiveNotAfter: chain.effectiveNotAfter,
    daysLeft: Math.floor((chain.effectiveNotAfter.getTime() - now.getTime()) / DAY_MS),
    severity: worstSeverity(own),
    chainId: chain.chainId,
  };
}

const LEVEL_ORDER = { root: 0, intermediate: 1, leaf: 2 } as const;

// Stable output: chains together, anchors first, then by subject and fingerprint.
function sortCertificates(certs: AssessedCertificate[]): AssessedCertificate[] {
  return certs.sort(
    (a, b) =>
      cmp(a.chainId, b.chainId) ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      cmp(a.facts.subject, b.facts.subject) ||
      cmp(a.facts.fingerprint, b.facts.fingerprint),
  );
}
