/**
 * EKS access entries that let a role into a cluster as the Kubernetes group `certwatch`
 * (STANDARD type, no access policy): the group is bound by the least-privilege RBAC that
 * `certwatch rbac` prints. The L2 AccessEntry cannot set groups, hence CfnAccessEntry.
 */
import * as eks from 'aws-cdk-lib/aws-eks';
import { Construct } from 'constructs';

/** The Kubernetes group certwatch's RBAC binds. */
export const CERTWATCH_KUBERNETES_GROUP = 'certwatch';

/** Props of {@link ClusterAccess}. */
export interface ClusterAccessProps {
  /** Clusters in this stack's account and region. */
  readonly clusterNames: readonly string[];
  /** The IAM role that calls the Kubernetes API. */
  readonly principalArn: string;
  /** @default [CERTWATCH_KUBERNETES_GROUP] */
  readonly kubernetesGroups?: readonly string[];
}

/** One STANDARD access entry per cluster, mapping the role to the certwatch group. */
export class ClusterAccess extends Construct {
  readonly entries: readonly eks.CfnAccessEntry[];

  constructor(scope: Construct, id: string, props: ClusterAccessProps) {
    super(scope, id);
    const groups = [...(props.kubernetesGroups ?? [CERTWATCH_KUBERNETES_GROUP])];
    this.entries = props.clusterNames.map(
      (clusterName) =>
        new eks.CfnAccessEntry(this, `Entry-${clusterName}`, {
          clusterName,
          principalArn: props.principalArn,
          type: 'STANDARD',
          kubernetesGroups: groups,
        }),
    );
  }
}
