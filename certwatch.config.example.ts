/**
 * Example certwatch deployment configuration. Copy to certwatch.config.ts and edit; `npx cdk synth`
 * validates it (lib/config-schema.ts) and names any bad field. Every field but `clusters` or
 * `discovery` has a default.
 */
import type { CertwatchConfigInput } from './lib/config-schema';

/** The configuration `bin/app.ts` synthesizes when no certwatch.config.ts exists. */
export const config: CertwatchConfigInput = {
  name: 'certwatch',
  account: '111111111111',
  region: 'eu-west-1',
  clusters: [
    // In this account and region: reached with the scan role, access entry created by the stack.
    { name: 'prod-eu', region: 'eu-west-1' },
    // In another account: the member stack there creates certwatch-reader.
    {
      name: 'prod-us',
      region: 'us-east-1',
      account: '222222222222',
      roleArn: 'arn:aws:iam::222222222222:role/certwatch-reader',
      sources: ['istio', 'cert-manager'],
    },
  ],
  discovery: {
    tagKey: 'certwatch',
    targets: [
      {
        account: '333333333333',
        regions: ['eu-west-1', 'eu-central-1'],
        roleArn: 'arn:aws:iam::333333333333:role/certwatch-reader',
      },
    ],
  },
  schedules: { scan: 'rate(1 hour)', digest: 'cron(0 8 ? * MON *)', timeZone: 'Europe/Paris' },
  thresholds: {
    root: { warningDays: 365, criticalDays: 90, warningLifetimePercent: 20 },
    intermediate: { warningDays: 90, criticalDays: 30 },
    leaf: { criticalLifetimePercent: 10, criticalHours: 1 },
  },
  slack: { channel: 'C0123456789', tokenSecret: 'certwatch/slack-bot-token' },
  email: { digest: ['platform-team@example.com'], alerts: ['oncall@example.com'] },
  scan: { maxConcurrency: 5, timeoutSeconds: 300, memoryMiB: 1024 },
};
