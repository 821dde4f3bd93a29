/**
 * `weak_key` (warning): RSA below the policy's minimum size, an EC curve outside the allowed
 * list, or DSA.
 */
import type { Finding } from '../model';
import { describe, finding, type Rule, type RuleContext, where } from './rule';

/** Fires on keys weaker than the policy allows. */
export const weakKey: Rule = {
  id: 'weak_key',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, policy } = ctx;
    const { keyAlgorithm, keySize, curve } = cert.facts;
    let problem: string | undefined;
    if (keyAlgorithm === 'RSA' && keySize !== undefined && keySize < policy.minRsaBits)
      problem = `an RSA ${keySize}-bit key (minimum ${policy.minRsaBits})`;
    else if (keyAlgorithm === 'EC' && !policy.allowedCurves.includes(curve ?? ''))
      problem = `an EC key on curve ${curve ?? 'unknown'} (allowed: ${policy.allowedCurves.join(', ')})`;
    else if (keyAlgorithm === 'DSA') problem = 'a DSA key (deprecated)';
    if (!problem) return [];
    return [
      finding(
        cert,
        'warning',
        'weak_key',
        `${describe(cert)} at ${where(cert)} uses ${problem}.`,
        `Re-issue it with an ECDSA P-256 key or RSA ${policy.minRsaBits}+ at its next rotation.`,
      ),
    ];
  },
};
