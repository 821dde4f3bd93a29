/**
 * Risk policy: every threshold the rules use, with the defaults docs/rules.md documents. Pure data + merging.
 */
import type { Mesh } from './model';

/** Expiry thresholds of one CA level (root / intermediate). */
export interface CaThresholds {
  /** Warn when fewer days than this remain. */
  readonly warningDays: number;
  /** Warn when less than this fraction of the total lifetime remains (0..1). */
  readonly warningFraction: number;
  /** Critical when fewer days than this remain. */
  readonly criticalDays: number;
}

/** Thresholds of leaf (workload) certificates, which rotate on their own. */
export interface LeafThresholds {
  /** Critical when less than this fraction of the lifetime remains. */
  readonly criticalFraction: number;
  /** Critical when fewer hours than this remain. */
  readonly criticalHours: number;
  /** Fraction of the lifetime after which each mesh rotates (`default` for the rest). */
  readonly rotationPoint: Readonly<Partial<Record<Mesh, number>>> & { readonly default: number };
  /** Extra fraction of the lifetime past the rotation point before "rotation overdue" warns. */
  readonly rotationGraceFraction: number;
}

/** Linkerd's own `linkerd check` thresholds (SOURCES.md §2.2). */
export interface LinkerdPolicy {
  /** `linkerd check` warns when an anchor or the issuer expires within this many days. */
  readonly warningDays: number;
}

/** Every number the risk rules use. */
export interface RiskPolicy {
  readonly root: CaThresholds;
  readonly intermediate: CaThresholds;
  readonly leaf: LeafThresholds;
  /** Workload (SPIFFE / `*-workload`) certificates living longer than this are flagged. */
  readonly maxWorkloadLifetimeDays: number;
  readonly minRsaBits: number;
  readonly allowedCurves: readonly string[];
  /** A certificate may outlive its issuer by this much before `outlives_issuer` fires. */
  readonly outlivesIssuerGraceDays: number;
  /** Severity of `chain_broken` when the issuer is simply absent from the material (not a bad signature). */
  readonly missingIssuerSeverity: 'info' | 'warning' | 'critical';
  readonly linkerd: LinkerdPolicy;
}

/** The risk table docs/rules.md documents. */
export const DEFAULT_POLICY: RiskPolicy = {
  root: { warningDays: 365, warningFraction: 0.2, criticalDays: 90 },
  intermediate: { warningDays: 90, warningFraction: 0.3, criticalDays: 30 },
  leaf: {
    criticalFraction: 0.1,
    criticalHours: 1,
    // Istio renews at 50% of the lifetime, Linkerd at 70% (of the remaining, ≈ of the whole at
    // issuance), cert-manager at 2/3 (renewBefore defaults to a third of the duration).
    rotationPoint: { istio: 0.5, linkerd: 0.7, 'cert-manager': 2 / 3, default: 2 / 3 },
    rotationGraceFraction: 0.1,
  },
  maxWorkloadLifetimeDays: 90,
  minRsaBits: 2048,
  allowedCurves: ['P-256', 'P-384', 'P-521'],
  outlivesIssuerGraceDays: 1,
  // An issuer missing from what a source exposes (e.g. a public root) is common and not an outage.
  missingIssuerSeverity: 'warning',
  linkerd: { warningDays: 60 },
};

/** Overrides for a policy: any field, nested objects merged one level deep. */
export type PolicyOverrides = {
  readonly [K in keyof RiskPolicy]?: RiskPolicy[K] extends readonly unknown[]
    ? RiskPolicy[K]
    : RiskPolicy[K] extends object
      ? Partial<RiskPolicy[K]>
      : RiskPolicy[K];
};

/** Merges overrides over the defaults (objects one level deep, arrays replaced). */
export function resolvePolicy(overrides: PolicyOverrides = {}): RiskPolicy {
  const leafRotation = { ...DEFAULT_POLICY.leaf.rotationPoint, ...overrides.leaf?.rotationPoint };
  return {
    ...DEFAULT_POLICY,
    ...overrides,
    root: { ...DEFAULT_POLICY.root, ...overrides.root },
    intermediate: { ...DEFAULT_POLICY.intermediate, ...overrides.intermediate },
    leaf: { ...DEFAULT_POLICY.leaf, ...overrides.leaf, rotationPoint: leafRotation },
    linkerd: { ...DEFAULT_POLICY.linkerd, ...overrides.linkerd },
  } as RiskPolicy;
}
