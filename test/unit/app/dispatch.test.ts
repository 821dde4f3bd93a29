/** dispatch: configured + discovered clusters, deduplicated, one message each; failures reported, not fatal. */
import { dispatch, targetKey } from '#app/dispatch';
import type { ClusterDirectory, ClusterTarget, ScanQueue, TargetFailure } from '#ports/scan-queue';

class RecordingQueue implements ScanQueue {
  readonly sent: ClusterTarget[] = [];
  constructor(private readonly reject: readonly string[] = []) {}
  async enqueue(targets: readonly ClusterTarget[]): Promise<readonly TargetFailure[]> {
    this.sent.push(...targets);
    return targets
      .filter((t) => this.reject.includes(t.name))
      .map((t) => ({ target: targetKey(t), detail: 'throttled' }));
  }
}

const directory = (clusters: ClusterTarget[], failures: TargetFailure[] = []): ClusterDirectory => ({
  discover: async () => ({ clusters, failures }),
});

describe('dispatch', () => {
  it('sends configured and discovered clusters once each, configured winning on the same key', async () => {
    const queue = new RecordingQueue();
    const found = [
      {
        name: 'a',
        region: 'eu-west-1',
        account: '333333333333',
        roleArn: 'arn:aws:iam::333333333333:role/r',
      },
      {
        name: 'b',
        region: 'eu-west-1',
        account: '333333333333',
        roleArn: 'arn:aws:iam::333333333333:role/r',
      },
    ];
    const configured = [
      { name: 'a', region: 'eu-west-1', account: '333333333333', sources: ['istio'] },
      { name: 'c', region: 'us-east-1' },
    ];
    const result = await dispatch({ queue, directory: directory(found) }, configured);
    expect(queue.sent.map(targetKey).sort()).toEqual([
      '/us-east-1/c',
      '333333333333/eu-west-1/a',
      '333333333333/eu-west-1/b',
    ]);
    expect(queue.sent.find((t) => t.name === 'a')?.sources).toEqual(['istio']);
    expect(result.dispatched).toHaveLength(3);
  });

  it('matches a configured cluster without account to a discovered one by region and name', async () => {
    const queue = new RecordingQueue();
    await dispatch(
      { queue, directory: directory([{ name: 'a', region: 'eu-west-1', account: '333333333333' }]) },
      [{ name: 'a', region: 'eu-west-1' }],
    );
    expect(queue.sent).toEqual([{ name: 'a', region: 'eu-west-1' }]);
  });

  it('reports send and discovery failures without dropping the other clusters', async () => {
    const queue = new RecordingQueue(['b']);
    const failures = [{ target: '444444444444/eu-west-1', detail: 'AccessDenied' }];
    const result = await dispatch({ queue, directory: directory([], failures) }, [
      { name: 'a', region: 'eu-west-1' },
      { name: 'b', region: 'eu-west-1' },
    ]);
    expect(result.dispatched.map((t) => t.name)).toEqual(['a']);
    expect(result.sendFailures).toEqual([{ target: '/eu-west-1/b', detail: 'throttled' }]);
    expect(result.discoveryFailures).toEqual(failures);
  });

  it('sends nothing when there is nothing to scan', async () => {
    const queue = new RecordingQueue();
    await expect(dispatch({ queue }, [])).resolves.toEqual({
      targets: [],
      dispatched: [],
      sendFailures: [],
      discoveryFailures: [],
    });
    expect(queue.sent).toEqual([]);
  });
});
