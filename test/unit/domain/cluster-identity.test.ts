/** Cluster identity: EKS account/region/name, kubeconfig server + name, labels qualified only when names clash. */
import {
  clusterLabel,
  clusterLabels,
  eksClusterIdentity,
  kubeClusterIdentity,
  plainClusterIdentity,
} from '#domain/cluster-identity';

describe('cluster identity', () => {
  it('keys EKS clusters on account, region and name', () => {
    const a = eksClusterIdentity({ name: 'prod', region: 'eu-west-1', account: '111111111111' });
    const b = eksClusterIdentity({ name: 'prod', region: 'eu-west-1', account: '222222222222' });
    const c = eksClusterIdentity({ name: 'prod', region: 'us-east-1', account: '111111111111' });
    expect(a).toEqual({
      id: 'eks:111111111111:eu-west-1:prod',
      name: 'prod',
      where: '111111111111/eu-west-1',
    });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });

  it('keys kubeconfig contexts on name and server, unless an id is given', () => {
    expect(kubeClusterIdentity({ name: 'prod', server: 'https://10.0.0.1:6443' }).id).toBe(
      'prod@https://10.0.0.1:6443',
    );
    expect(kubeClusterIdentity({ name: 'prod', server: 'https://x', clusterId: 'prod-eu' })).toEqual({
      id: 'prod-eu',
      name: 'prod',
      where: 'https://x',
    });
  });

  it('shows the friendly name, and where it is only when another cluster shares the name', () => {
    const a = eksClusterIdentity({ name: 'prod', region: 'eu-west-1', account: '111111111111' });
    const b = eksClusterIdentity({ name: 'prod', region: 'eu-west-1', account: '222222222222' });
    const edge = plainClusterIdentity('edge');
    expect(clusterLabel(a, [a, edge])).toBe('prod');
    expect(clusterLabel(a, [a, b, edge])).toBe('prod (111111111111/eu-west-1)');
    expect([...clusterLabels([a, b, edge]).values()]).toEqual([
      'prod (111111111111/eu-west-1)',
      'prod (222222222222/eu-west-1)',
      'edge',
    ]);
  });
});
