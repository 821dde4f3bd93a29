/**
 * The small stack for each account whose clusters certwatch scans from the central account: a
 * role the central dispatch and scan roles (by exact ARN) may assume, allowed to describe and
 * list EKS clusters and to read this account's Private CA certificates, plus access entries mapping that role to the `certwatch` Kubernetes group.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

import type { Construct } from 'constructs';
import { ClusterAccess } from './constructs/cluster-access';
import { acknowledge } from './nag-suppressions';

/** Props of {@link MemberAccountStack}. */
export interface MemberAccountStackProps extends StackProps {
  /** Name of the role to create (the last part of the roleArn in the config). */
  readonly roleName: string;
  /** ARNs of the central roles allowed to assume it. */
  readonly trustedRoleArns: readonly string[];
  /** Clusters in this stack's region that get an access entry. @default [] */
  readonly clusterNames?: readonly string[];
  /** Create the role here; false for extra regions of an account whose role lives in another stack. @default true */
  readonly createRole?: boolean;
}

/** Reader role (+ access entries) in a member account. */
export class MemberAccountStack extends Stack {
  /** ARN of the reader role. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: MemberAccountStackProps) {
    super(scope, id, props);
    this.roleArn = this.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: props.roleName,
    });
    if (props.createRole ?? true) this.createRole(props);
    if ((props.clusterNames ?? []).length > 0) {
      new ClusterAccess(this, 'ClusterAccess', {
        clusterNames: props.clusterNames ?? [],
        principalArn: this.roleArn,
      });
    }
  }

  private createRole(props: MemberAccountStackProps): void {
    const principals = props.trustedRoleArns.map((arn) => new iam.ArnPrincipal(arn));
    const role = new iam.Role(this, 'ReaderRole', {
      roleName: props.roleName,
      assumedBy: new iam.CompositePrincipal(...principals),
      description: 'certwatch: read EKS cluster endpoints; Kubernetes access via the certwatch group',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['eks:DescribeCluster'],
        resources: [this.formatArn({ service: 'eks', region: '*', resource: 'cluster', resourceName: '*' })],
      }),
    );
    // Private CAs of this account (configured, or named by a cluster's AWSPCAIssuer): read-only, the
    // CA's status and certificate; the ARNs a cluster names are only known at scan time.
    const privateCas = this.formatArn({
      service: 'acm-pca',
      region: '*',
      resource: 'certificate-authority',
      resourceName: '*',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificateAuthorityCertificate'],
        resources: [privateCas],
      }),
    );
    // ListClusters (discovery) supports no resource-level permissions in IAM.
    role.addToPolicy(new iam.PolicyStatement({ actions: ['eks:ListClusters'], resources: ['*'] }));
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'eks:ListClusters (discovery) has no resource-level permissions.',
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:eks:*:${this.account}:cluster/*]`,
      'DescribeCluster on this account’s clusters: discovery finds them by tag at run time, so names are unknown at deploy.',
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:acm-pca:*:${this.account}:certificate-authority/*]`,
      'Describe and GetCertificateAuthorityCertificate (read-only) on this account’s Private CAs: the CAs clusters issue from (AWSPCAIssuer) are found at scan time.',
    );
  }
}
