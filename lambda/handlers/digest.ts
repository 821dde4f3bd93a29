/**
 * Lambda entry: the weekly digest — what expires soon, rotations due, recent rotations, blind
 * spots — built from history and sent to every channel.
 */
import { sendDigest } from '../app/send-digest';
import { digestSetup } from '../config/digest-deps';
import { readLambdaEnv } from '../config/lambda-env';
import { logger, metrics } from '../config/observability';

const setup = digestSetup(readLambdaEnv());

/** Scheduler target. */
export async function handler(): Promise<{ delivered: number }> {
  const deps = await setup;
  const result = await sendDigest(deps);
  logger.info('digest sent', { result });
  metrics.addMetric('DigestsSent', 'Count', 1);
  metrics.publishStoredMetrics();
  return { delivered: deps.notifiers.length };
}
