/**
 * Lambda entry: on each scheduled run, enqueue one scan per cluster (configured + discovered), then
 * watch the fleet: record what was dispatched, retire clusters gone for N days (their alerts
 * resolve), alert on clusters whose scans stopped arriving (`scan_missed`). Discovery failures are
 * counted (their own metric and alarm). Fails the invocation only when nothing could be
 * enqueued (Scheduler invokes asynchronously, so Lambda retries it, twice by default).
 */
import type { Context } from 'aws-lambda';
import { dispatch } from '../app/dispatch';
import { watchFleet } from '../app/watch-fleet';
import { composeFleet } from '../config/compose-fleet';
import { readLambdaEnv } from '../config/lambda-env';
import { logger, metrics } from '../config/observability';
import { accountOfArn } from '../domain/cluster-identity';
import { publishDispatchMetrics } from './dispatch-metrics';

const root = composeFleet(readLambdaEnv());
// The fleet watch runs after each dispatch: a cluster whose scans stopped arriving never reaches
// the scan Lambda, so only the dispatcher can notice.
const setup = (async () => {
  const deps = root.dispatchDeps();
  const { store } = await root.openHistory();
  const retireAfterDays = root.settings.fleet?.retireAfterDays;
  const watch = { ...(await root.recordScanDeps(store)), ...(retireAfterDays ? { retireAfterDays } : {}) };
  const discovery = root.settings.fleet?.discovery !== undefined;
  return { deps, configured: root.settings.fleet?.clusters ?? [], watch, discovery };
})();

/** Scheduler target; the context's function ARN names the account configured clusters live in. */
export async function handler(
  _event?: unknown,
  context?: Pick<Context, 'invokedFunctionArn'>,
): Promise<{ dispatched: number; failed: number; missedAlerts: number; retired: number }> {
  const { deps, configured, watch, discovery } = await setup;
  const homeAccount = accountOfArn(context?.invokedFunctionArn);
  const result = await dispatch({ ...deps, ...(homeAccount ? { homeAccount } : {}) }, configured);
  for (const failure of [...result.discoveryFailures, ...result.sendFailures]) {
    logger.error('dispatch failure', { target: failure.target, detail: failure.detail });
  }
  publishDispatchMetrics(metrics, result, discovery);
  logger.info('dispatched', { clusters: result.dispatched.length, failed: result.sendFailures.length });
  // After the enqueue, and never fatal to it: the scans are on their way whatever happens here.
  const fleet = await watchFleet(watch, result).catch((error: unknown) => {
    logger.error('fleet watch failed', { error: error as Error });
    return { retired: [], retirements: [], missed: [] };
  });
  const alerts = [...fleet.retirements, ...fleet.missed];
  for (const a of alerts.filter((x) => !x.delivered)) logger.warn('alert not delivered', { ...a });
  if (fleet.retired.length > 0) logger.info('clusters retired', { clusters: fleet.retired });
  if (result.dispatched.length === 0 && result.sendFailures.length > 0) {
    throw new Error(`no scan could be enqueued: ${result.sendFailures[0]?.detail}`);
  }
  const missedAlerts = fleet.missed.filter((a) => a.delivered).length;
  return {
    dispatched: result.dispatched.length,
    failed: result.sendFailures.length,
    missedAlerts,
    retired: fleet.retired.length,
  };
}
