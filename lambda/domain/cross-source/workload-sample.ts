/**
 * `workload_sample` (info): how many meshed pods' proxies were sampled for workload certificate
 * expiry, of how many run, so "no expiring workload certificate" reads as what it is: a sample.
 */
import type { Finding } from '../model';
import type { WorkloadSampleSignal } from '../signals';
import type { CrossSourceRule } from './context';

/** The rule. */
export const workloadSample: CrossSourceRule = {
  id: 'workload_sample',
  evaluate({ signals }) {
    const samples = signals.filter((s): s is WorkloadSampleSignal => s.type === 'workload-sample');
    return samples
      .filter((s) => s.total > 0)
      .map((s): Finding => {
        const how =
          s.perNamespace === 0
            ? 'workload sampling is turned off'
            : `up to ${s.perNamespace} per namespace, spread over nodes and revisions`;
        return {
          severity: 'info',
          rule: 'workload_sample',
          source: s.source,
          message: `${s.mesh}: workload certificates read from ${s.sampled} of ${s.total} meshed pods in ${s.namespaces} namespace${s.namespaces === 1 ? '' : 's'} (${how})`,
          remediation:
            s.perNamespace === 0
              ? 'Turn sampling on (drop --no-workload-sampling) and grant pods/proxy where it is needed (certwatch rbac --from-cluster).'
              : 'Raise the per-namespace sample size to see more workloads; the mesh CA findings above cover every workload.',
        };
      });
  },
};
