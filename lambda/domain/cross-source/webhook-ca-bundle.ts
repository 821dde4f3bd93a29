/**
 * `webhook_ca_bundle_mismatch`: istiod patches its injector/validator caBundles with its CA
 * bundle; a caBundle without the mesh root means the API server cannot verify the webhook.
 */
import type { Finding } from '../model';
import { ISTIO } from '../rbac/source-reads';
import { type CrossSourceRule, describeLocation, fingerprints, placements, sameSet } from './context';

const WEBHOOK_KINDS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

/** The rule. */
export const webhookCaBundle: CrossSourceRule = {
  id: 'webhook_ca_bundle_mismatch',
  evaluate({ assessment }) {
    const roots = fingerprints(
      placements(
        assessment,
        (s) =>
          (s.kind === 'ConfigMap' && s.namespace === ISTIO.namespace && s.name === ISTIO.rootConfigMap) ||
          (s.kind === 'Secret' &&
            s.namespace === ISTIO.namespace &&
            ['root-cert.pem', 'ca.crt'].includes(s.key ?? '') &&
            [ISTIO.pluginSecret, ISTIO.selfSignedSecret].includes(s.name as 'cacerts')),
      ),
    );
    if (roots.size === 0) return [];
    const hooks = placements(assessment, (s) => WEBHOOK_KINDS.has(s.kind));
    return hooks.flatMap((hook): Finding[] => {
      const bundle = fingerprints([hook]);
      if (sameSet(bundle, roots)) return [];
      const disjoint = ![...bundle].some((fp) => roots.has(fp));
      return [
        {
          severity: disjoint ? 'critical' : 'warning',
          rule: 'webhook_ca_bundle_mismatch',
          source: hook.location,
          message: disjoint
            ? `${describeLocation(hook.location)} does not contain the mesh root: the API server cannot verify istiod's webhook`
            : `${describeLocation(hook.location)} differs from the mesh root bundle`,
          remediation:
            "istiod patches caBundles of webhooks labelled with its revision (istio.io/rev): check that label and istiod's logs; restart istiod to re-patch.",
        },
      ];
    });
  },
};
