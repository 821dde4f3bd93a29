/**
 * The deployed scan path's surroundings in tests: EKS clusters that are loopback simulators (the
 * simulator's authenticator for EKS tokens as the scanner, DescribeCluster answered from the
 * running simulators), the SQS message and history identity of a cluster in one account, and an
 * SNS Publish fake that keeps what the alerts said.
 */
import type { Simulator } from '#simulator';
import { SCANNER } from '#simulator/scenarios';

/** The account and region every simulated EKS cluster is in. */
export const EKS_ACCOUNT = '111111111111';
export const EKS_REGION = 'eu-west-1';

/** An EKS token: a presigned STS GetCallerIdentity URL that signs the cluster-name header. */
export async function eksAuthenticate(token: string) {
  if (!token.startsWith('k8s-aws-v1.')) return undefined;
  const url = new URL(Buffer.from(token.slice(11), 'base64url').toString('utf8'));
  const signed = url.searchParams.get('X-Amz-SignedHeaders') ?? '';
  const ok = url.searchParams.get('Action') === 'GetCallerIdentity' && signed.includes('x-k8s-aws-id');
  return ok ? { name: SCANNER.name, groups: [...(SCANNER.groups ?? [])] } : undefined;
}

/** A DescribeCluster fake: the cluster is the simulator of that name, its CA the simulator's. */
export function describeSimulatedCluster(sims: readonly Simulator[]) {
  return (input: { name: string }) => {
    const sim = sims.find((s) => s.name === input.name);
    if (!sim)
      throw Object.assign(new Error(`No cluster found for name: ${input.name}.`), {
        name: 'ResourceNotFoundException',
      });
    return {
      cluster: {
        name: input.name,
        status: 'ACTIVE',
        endpoint: sim.url,
        certificateAuthority: { data: Buffer.from(sim.caPem).toString('base64') },
      },
    };
  };
}

/** The scan queue's message body for cluster `name`. */
export const scanMessage = (name: string) =>
  JSON.stringify({ name, region: EKS_REGION, account: EKS_ACCOUNT });

/** The history identity of cluster `name`. */
export const eksClusterId = (name: string) => `eks:${EKS_ACCOUNT}:${EKS_REGION}:${name}`;

/** An SNS Publish fake (for aws-sdk-client-mock's callsFake) that keeps each message in `into`. */
export function publishInto(into: string[]) {
  return (input: { Message: string }) => {
    into.push(input.Message);
    return { MessageId: `m-${into.length}` };
  };
}
