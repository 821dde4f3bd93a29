/**
 * `too_many_candidate_issuers` (warning): more certificates carry the issuer's name (and no key
 * id tells them apart) than certwatch checks signatures for, and none of those checked signed it.
 * The bound keeps a hostile or sprawling bundle from costing N² signature checks.
 */
import { MAX_SIGNATURE_CHECKS } from '../chain';
import type { Finding } from '../model';
import { describe, finding, type Rule, type RuleContext, where } from './rule';

/** Fires when the signature-check budget ran out before an issuer was found. */
export const tooManyCandidateIssuers: Rule = {
  id: 'too_many_candidate_issuers',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert } = ctx;
    const link = cert.chain;
    if (link.selfSigned || link.issuers.length > 0 || link.uncheckedIssuers === 0) return [];
    return [
      finding(
        cert,
        'warning',
        'too_many_candidate_issuers',
        `${describe(cert)} at ${where(cert)} names '${cert.facts.issuer}' as its issuer; ${link.uncheckedIssuers + link.rejectedIssuers.length} certificates carry that name and ${link.uncheckedIssuers} were left unchecked after ${MAX_SIGNATURE_CHECKS} signature checks: its chain is unknown.`,
        'Give CAs distinct names or key identifiers (subjectKeyIdentifier / authorityKeyIdentifier), and remove stale CA copies from the bundle.',
      ),
    ];
  },
};
