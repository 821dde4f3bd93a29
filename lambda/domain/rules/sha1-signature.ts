/**
 * `sha1_signature` (warning): signed with SHA-1 (or MD5/MD2). Self-signed roots are skipped:
 * nobody verifies an anchor's own signature, trust comes from the bundle.
 */
import type { Finding } from '../model';
import { describe, finding, type Rule, type RuleContext, where } from './rule';

const WEAK = /sha1|md5|md2/i;

/** Fires on non-root certificates with a SHA-1 (or weaker) signature. */
export const sha1Signature: Rule = {
  id: 'sha1_signature',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert } = ctx;
    if (cert.chain.selfSigned || !WEAK.test(cert.facts.signatureAlgorithm)) return [];
    return [
      finding(
        cert,
        'warning',
        'sha1_signature',
        `${describe(cert)} at ${where(cert)} is signed with ${cert.facts.signatureAlgorithm}; current TLS stacks reject SHA-1 signatures.`,
        "Re-issue it with a SHA-256 signature (check the signing CA's configured hash).",
      ),
    ];
  },
};
