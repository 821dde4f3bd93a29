/**
 * `linkerd_issuer_not_from_anchor`: the identity issuer must be signed by an anchor of the
 * current trust bundle (linkerd-identity-trust-roots), or proxies reject every new certificate.
 */
import type { Finding } from '../model';
import { LINKERD } from '../rbac/source-reads';
import { type CrossSourceRule, fingerprints, placements } from './context';

/** The rule. */
export const linkerdIssuerAnchor: CrossSourceRule = {
  id: 'linkerd_issuer_not_from_anchor',
  evaluate({ assessment }) {
    const anchors = fingerprints(
      placements(assessment, (s) => s.kind === 'ConfigMap' && s.name === LINKERD.trustRootsConfigMap),
    );
    if (anchors.size === 0) return [];
    const issuers = assessment.certificates.filter((c) => c.role === 'linkerd-issuer');
    return issuers.flatMap((issuer): Finding[] => {
      if (issuer.issuerFingerprint && anchors.has(issuer.issuerFingerprint)) return [];
      return [
        {
          severity: 'critical',
          rule: 'linkerd_issuer_not_from_anchor',
          fingerprint: issuer.facts.fingerprint,
          source: issuer.sources[0],
          message: `Linkerd issuer '${issuer.facts.subject}' is not signed by any anchor in ${LINKERD.trustRootsConfigMap} (issuer: '${issuer.facts.issuer}')`,
          remediation:
            'Re-issue the issuer from an anchor in the bundle, or add its anchor to the bundle first (linkerd upgrade --identity-trust-anchors-file) and restart the proxies.',
        },
      ];
    });
  },
};
