/**
 * Turns the validated configuration into the Lambdas' environment (ENV names shared with
 * lambda/config) and derives the scan interval. Lambda environments are capped at 4 KB, so a long
 * setting list is refused at synth time, naming the largest variable and how to shrink it.
 */
import { ENV } from '../lambda/config/env-names';
import { policySettingsFields } from '../lambda/config/settings-schema';
import { type CertwatchConfig, ConfigError } from './config-schema';

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

/** How to shrink each variable that can grow with the configuration. */
const SHRINK: Readonly<Record<string, string>> = {
  [ENV.clusters]: 'list the accounts under "discovery" and tag the clusters instead of listing them',
  [ENV.upstreams]: 'shorten the Vault caCertPem (the issuing CA alone is enough)',
};

/** Refuses settings that would not fit Lambda's 4 KB environment, naming the largest and how to shrink it. */
function fitsLambdaEnvironment(settings: Record<string, string>): Record<string, string> {
  const bytes = ([k, v]: [string, string]) => k.length + Buffer.byteLength(v);
  const size = Object.entries(settings).reduce((n, entry) => n + bytes(entry), 0);
  if (size <= MAX_SETTINGS_BYTES) return settings;
  const bySize = Object.entries(settings).sort((a, b) => bytes(b) - bytes(a));
  const largest = bySize
    .slice(0, 3)
    .map(([k, v]) => `${k} ${Buffer.byteLength(v)}`)
    .join(', ');
  const hint = SHRINK[bySize[0]![0]] ?? 'shorten the largest setting';
  throw new ConfigError([
    `(root): expected at most ${MAX_SETTINGS_BYTES} bytes of settings (Lambda environments hold 4 KB), ` +
      `received ${size} (largest: ${largest}); ${hint}`,
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
