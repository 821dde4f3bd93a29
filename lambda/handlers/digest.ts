/**
 * Lambda entry: the weekly digest — what expires soon, rotations due, recent rotations, blind
 * spots — built from history and sent to every channel (digest-delivery.ts). Fails only when no
 * channel took it (Scheduler invokes asynchronously, so Lambda retries the run, twice by default);
 * the last-digest marker moves only when all did. Each run
 * publishes DigestChannelsFailed, which the stack alarms on (with the Lambda's errors and runs).
 */
import { composeFleet } from '../config/compose-fleet';
import { readLambdaEnv } from '../config/lambda-env';
import { type DigestRun, deliverDigest } from './digest-delivery';

const root = composeFleet(readLambdaEnv());
const setup = root.openHistory().then(({ store }) => root.sendDigestDeps(store));

/** Scheduler target. */
export async function handler(): Promise<DigestRun> {
  return deliverDigest(await setup);
}
