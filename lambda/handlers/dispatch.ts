/**
 * Lambda entry: on each scheduled run, enqueue one scan per cluster (configured + discovered), then
 * alert on clusters whose scans stopped arriving (`scan_missed`). Fails the invocation (so
 * Scheduler retries) only when nothing could be enqueued.
 */
import type { Context } from 'aws-lambda';
import { dispatch } from '../app/dispatch';
import { missedScanScope, recordMissedScans } from '../app/record-missed-scans';
import { composeFleet } from '../config/compose-fleet';
import { METRIC } from '../config/env-names';
import { readLambdaEnv } from '../config/lambda-env';
import { logger, metrics } from '../config/observability';

const root = composeFleet(readLambdaEnv());
// The missed-scan check runs after each dispatch: a cluster whose scans stopped arriving never
// reaches the scan Lambda, so only the dispatcher can notice.
const setup = (async () => {
  const deps = root.dispatchDeps();
  const { store } = await root.openHistory();
  return { deps, configured: root.settings.fleet?.clusters ?? [], missed: await root.recordScanDeps(store) };
})();

/** Scheduler target; the context's function ARN names the account configured clusters live in. */
export async function handler(
  _event?: unknown,
  context?: Pick<Context, 'invokedFunctionArn'>,
): Promise<{ dispatched: number; failed: number; missedAlerts: number }> {
  const { deps, configured, missed } = await setup;
  const homeAccount = context?.invokedFunctionArn.split(':')[4];
  const result = await dispatch({ ...deps, ...(homeAccount ? { homeAccount } : {}) }, configured);
  for (const failure of [...result.discoveryFailures, ...result.sendFailures]) {
    logger.error('dispatch failure', { target: failure.target, detail: failure.detail });
  }
  metrics.addMetric(METRIC.clustersDispatched, 'Count', result.dispatched.length);
  metrics.publishStoredMetrics();
  logger.info('dispatched', { clusters: result.dispatched.length, failed: result.sendFailures.length });
  // After the enqueue, and never fatal to it: the scans are on their way whatever happens here.
  const alerts = await recordMissedScans(missed, missedScanScope(result)).catch((error: unknown) => {
    logger.error('missed-scan check failed', { error: error as Error });
    return [];
  });
  for (const a of alerts.filter((x) => !x.delivered))
    logger.warn('scan_missed alert not delivered', { ...a });
  if (result.dispatched.length === 0 && result.sendFailures.length > 0) {
    throw new Error(`no scan could be enqueued: ${result.sendFailures[0]?.detail}`);
  }
  const missedAlerts = alerts.filter((a) => a.delivered).length;
  return { dispatched: result.dispatched.length, failed: result.sendFailures.length, missedAlerts };
}
