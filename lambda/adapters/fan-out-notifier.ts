/**
 * Sends one alert or digest to several notifiers, isolating each channel's failure, and reports
 * per channel what was delivered (the alert state records delivered channels). Imports ports only.
 */
import type { AlertMessage, DeliveryReceipt, DigestMessage, Notifier } from '../ports/notifier';

/** What happened on one channel. */
export type ChannelOutcome =
  | { readonly channel: string; readonly ok: true; readonly receipt: DeliveryReceipt }
  | { readonly channel: string; readonly ok: false; readonly error: Error };

/** Per-alert delivery options. */
export interface DeliverAlertOptions {
  /** Thread reference per channel (e.g. the Slack `ts` of the opening message), overriding `message.threadRef`. */
  readonly threadRefs?: Readonly<Record<string, string>>;
}

/** Fans deliveries out to every notifier in parallel; never rejects because one channel failed. */
export class FanOutNotifier {
  private readonly byChannel: ReadonlyMap<string, Notifier>;

  constructor(notifiers: readonly Notifier[]) {
    const map = new Map<string, Notifier>();
    for (const notifier of notifiers) {
      if (map.has(notifier.channel)) throw new Error(`duplicate notifier channel '${notifier.channel}'`);
      map.set(notifier.channel, notifier);
    }
    this.byChannel = map;
  }

  /** Channel names, in the order the notifiers were given. */
  get channels(): string[] {
    return [...this.byChannel.keys()];
  }

  /** Delivers `message` to `channels` (default: all); one outcome per requested channel, in order. */
  deliverAlert(
    message: AlertMessage,
    channels: readonly string[] = this.channels,
    options: DeliverAlertOptions = {},
  ): Promise<ChannelOutcome[]> {
    return this.fanOut(channels, (notifier) => {
      const threadRef = options.threadRefs?.[notifier.channel] ?? message.threadRef;
      return notifier.sendAlert(threadRef === message.threadRef ? message : { ...message, threadRef });
    });
  }

  /** Delivers the digest to `channels` (default: all). */
  deliverDigest(
    digest: DigestMessage,
    channels: readonly string[] = this.channels,
  ): Promise<ChannelOutcome[]> {
    return this.fanOut(channels, (notifier) => notifier.sendDigest(digest));
  }

  private fanOut(
    channels: readonly string[],
    send: (notifier: Notifier) => Promise<DeliveryReceipt>,
  ): Promise<ChannelOutcome[]> {
    const unique = [...new Set(channels)]; // a channel named twice must not deliver twice
    return Promise.all(unique.map((channel) => this.deliverOne(channel, send)));
  }

  private async deliverOne(
    channel: string,
    send: (notifier: Notifier) => Promise<DeliveryReceipt>,
  ): Promise<ChannelOutcome> {
    const notifier = this.byChannel.get(channel);
    if (!notifier) return { channel, ok: false, error: new Error(`no notifier for channel '${channel}'`) };
    try {
      return { channel, ok: true, receipt: await send(notifier) };
    } catch (error) {
      return { channel, ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }
}
