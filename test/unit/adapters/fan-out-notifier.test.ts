/** FanOutNotifier: per-channel outcomes, failure isolation, thread refs per channel. */
import { FanOutNotifier } from '../../../lambda/adapters/fan-out-notifier';
import type { AlertMessage, DeliveryReceipt, DigestMessage, Notifier } from '../../../lambda/ports/notifier';

/** Records what it was asked to send; fails when told to. */
class RecordingNotifier implements Notifier {
  readonly alerts: AlertMessage[] = [];
  readonly digests: DigestMessage[] = [];
  constructor(
    readonly channel: string,
    private readonly failWith?: unknown,
  ) {}
  async sendAlert(message: AlertMessage): Promise<DeliveryReceipt> {
    if (this.failWith !== undefined) throw this.failWith;
    this.alerts.push(message);
    return { channel: this.channel, ref: `${this.channel}-${this.alerts.length}` };
  }
  async sendDigest(digest: DigestMessage): Promise<DeliveryReceipt> {
    if (this.failWith !== undefined) throw this.failWith;
    this.digests.push(digest);
    return { channel: this.channel, ref: `${this.channel}-digest` };
  }
}

const alert: AlertMessage = {
  key: 'k1',
  transition: 'resolved',
  cluster: 'prod',
  finding: { severity: 'warning', rule: 'r', message: 'm' },
  sources: [],
  threadRef: 'default-ref',
};
const digest: DigestMessage = { subject: 's', text: 't', summary: 'u' };

describe('FanOutNotifier', () => {
  it('reports each channel, and one failure does not stop the others', async () => {
    const slack = new RecordingNotifier('slack', new Error('slack down'));
    const sns = new RecordingNotifier('sns');
    const outcomes = await new FanOutNotifier([slack, sns]).deliverAlert(alert);
    expect(outcomes).toEqual([
      { channel: 'slack', ok: false, error: new Error('slack down') },
      { channel: 'sns', ok: true, receipt: { channel: 'sns', ref: 'sns-1' } },
    ]);
    expect(sns.alerts).toHaveLength(1);
  });

  it('sends only to the channels asked for, once each, and reports unknown ones', async () => {
    const slack = new RecordingNotifier('slack');
    const sns = new RecordingNotifier('sns');
    const outcomes = await new FanOutNotifier([slack, sns]).deliverAlert(alert, ['sns', 'sns', 'email']);
    expect(outcomes.map((o) => [o.channel, o.ok])).toEqual([
      ['sns', true],
      ['email', false],
    ]);
    expect(slack.alerts).toHaveLength(0);
    expect(sns.alerts).toHaveLength(1);
  });

  it('gives each channel its own thread ref', async () => {
    const slack = new RecordingNotifier('slack');
    const sns = new RecordingNotifier('sns');
    await new FanOutNotifier([slack, sns]).deliverAlert(alert, undefined, {
      threadRefs: { slack: '171.0001' },
    });
    expect(slack.alerts[0]?.threadRef).toBe('171.0001');
    expect(sns.alerts[0]?.threadRef).toBe('default-ref');
  });

  it('wraps non-Error rejections and delivers digests per channel', async () => {
    const bad = new RecordingNotifier('bad', 'plain string');
    const good = new RecordingNotifier('good');
    const outcomes = await new FanOutNotifier([bad, good]).deliverDigest(digest);
    expect(outcomes[0]).toMatchObject({ channel: 'bad', ok: false });
    expect(outcomes[0]?.ok === false && outcomes[0].error.message).toBe('plain string');
    expect(outcomes[1]).toEqual({
      channel: 'good',
      ok: true,
      receipt: { channel: 'good', ref: 'good-digest' },
    });
    expect(good.digests).toEqual([digest]);
  });

  it('refuses two notifiers with the same channel name', () => {
    expect(() => new FanOutNotifier([new RecordingNotifier('x'), new RecordingNotifier('x')])).toThrow(
      /duplicate/,
    );
  });
});
