/**
 * Lambda entry: the weekly digest — what expires soon, rotations due, recent rotations, blind
 * spots — built from history and sent to every channel. Fails (so Scheduler retries) only when no
 * channel took it; the last-digest marker moves only when all did.
 */
import { sendDigest } from '../app/send-digest';
import { composeFleet } from '../config/compose-fleet';
import { readLambdaEnv } from '../config/lambda-env';
import { logger } from '../config/observability';

const root = composeFleet(readLambdaEnv());
const setup = root.openHistory().then(({ store }) => root.sendDigestDeps(store));

/** Scheduler target. */
export async function handler(): Promise<{ delivered: readonly string[]; failed: readonly string[] }> {
  const deps = await setup;
  const result = await sendDigest(deps);
  for (const failure of result.failed) logger.error('digest delivery failed', { ...failure });
  logger.info('digest', { subject: result.digest.subject, delivered: result.delivered });
  if (result.delivered.length === 0 && result.failed.length > 0) {
    throw new Error(
      `digest not delivered: ${result.failed.map((f) => `${f.channel}: ${f.error}`).join('; ')}`,
    );
  }
  return { delivered: result.delivered, failed: result.failed.map((f) => f.channel) };
}
