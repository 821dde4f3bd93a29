/**
 * RecordingNotifier: a Notifier that keeps every alert and digest it was asked to send, hands out
 * refs like Slack's `ts`, and can be told to fail the next N sends (a channel that is down).
 */
import type { AlertMessage, DeliveryReceipt, DigestMessage, Notifier } from '#ports/notifier';

/** A Notifier fake that records deliveries. */
export class RecordingNotifier implements Notifier {
  readonly alerts: AlertMessage[] = [];
  readonly digests: DigestMessage[] = [];
  /** Sends still to fail before the channel comes back. */
  failNext = 0;
  private counter = 0;

  constructor(readonly channel = 'recording') {}

  async sendAlert(message: AlertMessage): Promise<DeliveryReceipt> {
    this.fail();
    this.alerts.push(message);
    return { channel: this.channel, ref: `${this.channel}-${++this.counter}` };
  }

  async sendDigest(digest: DigestMessage): Promise<DeliveryReceipt> {
    this.fail();
    this.digests.push(digest);
    return { channel: this.channel, ref: `${this.channel}-${++this.counter}` };
  }

  private fail(): void {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error(`${this.channel} is down`);
    }
  }
}
