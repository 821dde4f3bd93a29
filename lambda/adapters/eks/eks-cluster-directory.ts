/**
 * ClusterDirectory over EKS: in each listed account (through its reader role) and region, lists
 * the clusters and keeps those carrying the tag. One account or region that fails is reported as a
 * failure; the others are still searched.
 */
import { DescribeClusterCommand, EKSClient, paginateListClusters } from '@aws-sdk/client-eks';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ClusterDirectory, ClusterTarget, TargetFailure } from '../../ports/scan-queue';
import { clusterCredentials } from './cluster-credentials';

/** Where and how to search. */
export interface EksDiscovery {
  readonly tagKey: string;
  /** @default - any value */
  readonly tagValue?: string;
  readonly targets: readonly { account: string; regions: readonly string[]; roleArn: string }[];
}

/** Builds an EKS client for a region with the given credentials (injectable for tests). */
export type EksClientFactory = (region: string, credentials: AwsCredentialIdentityProvider) => EKSClient;

const defaultFactory: EksClientFactory = (region, credentials) => new EKSClient({ region, credentials });

/** Finds EKS clusters by tag across accounts and regions. */
export class EksClusterDirectory implements ClusterDirectory {
  constructor(
    private readonly discovery: EksDiscovery,
    private readonly clientFor: EksClientFactory = defaultFactory,
  ) {}

  async discover(): Promise<{ clusters: ClusterTarget[]; failures: TargetFailure[] }> {
    const searches = this.discovery.targets.flatMap((target) =>
      target.regions.map((region) => ({ ...target, region })),
    );
    const results = await Promise.allSettled(
      searches.map((s) => this.search(s.account, s.region, s.roleArn)),
    );
    const clusters: ClusterTarget[] = [];
    const failures: TargetFailure[] = [];
    results.forEach((result, i) => {
      const where = `${searches[i]?.account}/${searches[i]?.region}`;
      if (result.status === 'fulfilled') clusters.push(...result.value);
      else failures.push({ target: where, detail: `discovery failed: ${(result.reason as Error).message}` });
    });
    return { clusters, failures };
  }

  private async search(account: string, region: string, roleArn: string): Promise<ClusterTarget[]> {
    const client = this.clientFor(
      region,
      clusterCredentials({ region, roleArn, sessionName: 'certwatch-discovery' }),
    );
    const found: ClusterTarget[] = [];
    for await (const page of paginateListClusters({ client }, {})) {
      for (const name of page.clusters ?? []) {
        const { cluster } = await client.send(new DescribeClusterCommand({ name }));
        const value = cluster?.tags?.[this.discovery.tagKey];
        if (value === undefined) continue;
        if (this.discovery.tagValue !== undefined && value !== this.discovery.tagValue) continue;
        found.push({ name, region, account, roleArn });
      }
    }
    return found;
  }
}
