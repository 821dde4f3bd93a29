/**
 * `issuer_not_trusted` (critical): a trust bundle applies to this certificate, but its chain does
 * not lead to any anchor in that bundle — peers that trust only the bundle reject it.
 */
import type { Finding } from '../model';
import { describe, finding, type Rule, type RuleContext, where } from './rule';

/** Fires on non-root certificates in a trust bundle's scope whose best path avoids the bundle. */
export const issuerNotTrusted: Rule = {
  id: 'issuer_not_trusted',
  evaluate(ctx: RuleContext): Finding[] {
    const { cert, all } = ctx;
    if (!cert.trustScoped || cert.level === 'root' || cert.chain.trusted || cert.bundles.length > 0)
      return [];
    const top = all.get(cert.chain.chainId);
    const endsAt =
      top && top !== cert ? `ends at ${describe(top)}` : 'ends at this certificate (no issuer found)';
    return [
      finding(
        cert,
        'critical',
        'issuer_not_trusted',
        `${describe(cert)} at ${where(cert)} does not chain to any anchor of the trust bundle: its chain ${endsAt}. Peers that trust only the bundle reject it.`,
        'Re-issue it from a CA under the bundled anchor, or add its anchor to the trust bundle (keeping the current one during the switch).',
      ),
    ];
  },
};
