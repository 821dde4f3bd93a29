/** DescribeCluster → endpoint + decoded CA; a cluster without endpoint/CA yet is a named error. */
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { describeEksCluster, EksClusterError } from '#adapters/eks/eks-cluster-describer';

// aws-sdk-client-mock's types lag the SDK's nested @smithy/types (runtime mocking is unaffected).
const eks = mockClient(EKSClient as never);
const DescribeCluster = DescribeClusterCommand as never;
const client = new EKSClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
});
const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

beforeEach(() => eks.reset());

describe('describeEksCluster', () => {
  it('returns the endpoint and the CA decoded from base64', async () => {
    eks.on(DescribeCluster, { name: 'prod' } as never).resolves({
      cluster: {
        status: 'ACTIVE',
        endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
        certificateAuthority: { data: Buffer.from(pem).toString('base64') },
      },
    } as never);
    await expect(describeEksCluster(client, 'prod')).resolves.toEqual({
      name: 'prod',
      endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
      caPem: pem,
      status: 'ACTIVE',
    });
  });

  it('rejects a cluster that is still being created, naming it and its status', async () => {
    eks.on(DescribeCluster).resolves({ cluster: { status: 'CREATING' } } as never);
    await expect(describeEksCluster(client, 'new')).rejects.toThrow(
      new EksClusterError('cluster new has no endpoint or CA yet (status CREATING)'),
    );
  });

  it('wraps SDK errors with the cluster name', async () => {
    eks.on(DescribeCluster).rejects(new Error('No cluster found for name: gone.'));
    await expect(describeEksCluster(client, 'gone')).rejects.toThrow(
      'describe cluster gone: No cluster found for name: gone.',
    );
  });
});
