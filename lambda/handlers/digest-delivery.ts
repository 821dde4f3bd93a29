/**
 * One digest run, start to finish: sendDigest, a log line per channel that refused it, the EMF
 * metric (digest-metrics.ts) and, when no channel took it, an error (the invocation is
 * retried, and the stack's DigestErrors alarm sees it). The metric is published
 * before that error: a run no channel took still counts its refused channels.
 */
import { type SendDigestDeps, sendDigest } from '../app/send-digest';
import { logger, metrics } from '../config/observability';
import { publishDigestMetrics } from './digest-metrics';

/** What the digest Lambda returns: the channels that took the digest and those that did not. */
export interface DigestRun {
  readonly delivered: readonly string[];
  readonly failed: readonly string[];
}

/** Sends the digest to every channel; rejects only when channels exist and none took it. */
export async function deliverDigest(deps: SendDigestDeps): Promise<DigestRun> {
  const result = await sendDigest(deps);
  for (const failure of result.failed) logger.error('digest delivery failed', { ...failure });
  publishDigestMetrics(metrics, result);
  logger.info('digest', { subject: result.digest.subject, delivered: result.delivered });
  if (result.delivered.length === 0 && result.failed.length > 0) {
    throw new Error(
      `digest not delivered: ${result.failed.map((f) => `${f.channel}: ${f.error}`).join('; ')}`,
    );
  }
  return { delivered: result.delivered, failed: result.failed.map((f) => f.channel) };
}
