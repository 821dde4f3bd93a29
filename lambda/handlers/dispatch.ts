/**
 * Lambda entry: on each scheduled run, enqueue one scan per cluster (configured + discovered).
 * Fails the invocation (so Scheduler retries) only when nothing could be enqueued.
 */
import { dispatch } from '../app/dispatch';
import { dispatchSetup } from '../config/dispatch-deps';
import { METRIC } from '../config/env-names';
import { readLambdaEnv } from '../config/lambda-env';
import { logger, metrics } from '../config/observability';

const setup = dispatchSetup(readLambdaEnv());

/** Scheduler target. */
export async function handler(): Promise<{ dispatched: number; failed: number }> {
  const result = await dispatch(setup.deps, setup.configured);
  for (const failure of [...result.discoveryFailures, ...result.sendFailures]) {
    logger.error('dispatch failure', { target: failure.target, detail: failure.detail });
  }
  metrics.addMetric(METRIC.clustersDispatched, 'Count', result.dispatched.length);
  metrics.publishStoredMetrics();
  logger.info('dispatched', { clusters: result.dispatched.length, failed: result.sendFailures.length });
  if (result.dispatched.length === 0 && result.sendFailures.length > 0) {
    throw new Error(`no scan could be enqueued: ${result.sendFailures[0]?.detail}`);
  }
  return { dispatched: result.dispatched.length, failed: result.sendFailures.length };
}
