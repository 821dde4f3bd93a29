/**
 * Turns the validated configuration into the Lambdas' environment (ENV names shared with
 * lambda/config) and derives the scan interval. Lambda environments are capped at 4 KB, so a long
 * cluster list is refused at synth time with a pointer to discovery by tag.
 */
import { ENV } from '../lambda/config/env-names';
import { policySettingsFields } from '../lambda/config/settings-schema';
import { type CertwatchConfig, ConfigError } from './config-schema';

const MAX_CLUSTERS_JSON = 3000;
// Lambda's 4 KB covers every variable: leave ~600 bytes for the resource names the stack adds.
const MAX_SETTINGS_BYTES = 3500;

/** Environment values every certwatch Lambda receives (resource names are added by the stack). */
export function lambdaSettings(config: CertwatchConfig): Record<string, string> {
  const clusters = JSON.stringify(
    config.clusters.map(({ name, region, account, roleArn, sources }) => ({
      name,
      region,
      account,
      roleArn,
      sources,
    })),
  );
  if (clusters.length > MAX_CLUSTERS_JSON) {
    throw new ConfigError([
      `clusters: expected at most ~${MAX_CLUSTERS_JSON} characters of cluster list (Lambda environments hold 4 KB), ` +
        `received ${clusters.length}; list the accounts under "discovery" and tag the clusters instead`,
    ]);
  }
  const settings: Record<string, string> = {
    [ENV.clusters]: clusters,
    [ENV.policy]: JSON.stringify(policySettings(config)),
    [ENV.timeZone]: config.schedules.timeZone,
    [ENV.scanIntervalMinutes]: String(scanIntervalMinutes(config.schedules.scan)),
    [ENV.scanTimeoutSeconds]: String(config.scan.timeoutSeconds),
    [ENV.historyRetentionDays]: String(config.historyRetentionDays),
    [ENV.detailedMetrics]: String(config.detailedMetrics),
    [ENV.retireAfterDays]: String(config.retireAfterDays),
  };
  if (config.discovery) settings[ENV.discovery] = JSON.stringify(config.discovery);
  if (config.meshGroups.length > 0) settings[ENV.meshGroups] = JSON.stringify(config.meshGroups);
  if (config.slack) {
    settings[ENV.slackChannel] = config.slack.channel;
    settings[ENV.slackTokenSecret] = config.slack.tokenSecret;
  }
  if (config.upstreams.vault || config.upstreams.privateCaArns.length > 0)
    settings[ENV.upstreams] = JSON.stringify(config.upstreams);
  if (Object.keys(config.sourceOptions).length > 0)
    settings[ENV.sourceOptions] = JSON.stringify(config.sourceOptions);
  return fitsLambdaEnvironment(settings);
}

/** Refuses settings that would not fit Lambda's 4 KB environment, naming the largest. */
function fitsLambdaEnvironment(settings: Record<string, string>): Record<string, string> {
  const size = Object.entries(settings).reduce((n, [k, v]) => n + k.length + Buffer.byteLength(v), 0);
  if (size <= MAX_SETTINGS_BYTES) return settings;
  const largest = Object.entries(settings)
    .sort(([, a], [, b]) => b.length - a.length)
    .slice(0, 3)
    .map(([k, v]) => `${k} ${v.length}`)
    .join(', ');
  throw new ConfigError([
    `(root): expected at most ${MAX_SETTINGS_BYTES} bytes of settings (Lambda environments hold 4 KB), ` +
      `received ${size} (largest: ${largest}); shorten the cluster list with "discovery", or the Vault caCertPem`,
  ]);
}

/** Minutes between scans for a `rate(…)` expression; 60 for `cron(…)` (assumed hourly). */
export function scanIntervalMinutes(expression: string): number {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!match) return 60;
  const unit = { minute: 1, hour: 60, day: 1440 }[match[2] as 'minute' | 'hour' | 'day'];
  return Number(match[1]) * unit;
}

/** The judging part of the configuration, as the Lambdas read it back (CERTWATCH_POLICY). */
function policySettings(config: CertwatchConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(policySettingsFields).map((key) => [key, config[key as keyof CertwatchConfig]]),
  );
}
