/**
 * Reads what a scan needs to reach an EKS cluster's API server (endpoint and CA) with
 * DescribeCluster. Endpoint and CA are empty until the cluster is ACTIVE: that is an error here.
 */
import { type Cluster, DescribeClusterCommand, type EKSClient } from '@aws-sdk/client-eks';

/** How to reach one cluster's API server. */
export interface EksClusterEndpoint {
  readonly name: string;
  /** `https://…eks.amazonaws.com` */
  readonly endpoint: string;
  /** PEM of the cluster CA (decoded from `certificateAuthority.data`). */
  readonly caPem: string;
  readonly status: string;
}

/** DescribeCluster failed or returned a cluster that cannot be reached yet. */
export class EksClusterError extends Error {
  override readonly name = 'EksClusterError';
}

/** Calls DescribeCluster and returns endpoint + CA, or throws EksClusterError naming the cluster. */
export async function describeEksCluster(client: EKSClient, name: string): Promise<EksClusterEndpoint> {
  let cluster: Cluster | undefined;
  try {
    ({ cluster } = await client.send(new DescribeClusterCommand({ name })));
  } catch (error) {
    throw new EksClusterError(`describe cluster ${name}: ${(error as Error).message}`, { cause: error });
  }
  const status = cluster?.status ?? 'UNKNOWN';
  const endpoint = cluster?.endpoint;
  const caData = cluster?.certificateAuthority?.data;
  if (!endpoint || !caData) {
    throw new EksClusterError(`cluster ${name} has no endpoint or CA yet (status ${status})`);
  }
  return { name, endpoint, caPem: Buffer.from(caData, 'base64').toString('utf8'), status };
}
