/**
 * Composes the central stack and one member stack per other account (and per extra region with
 * clusters needing access entries) from a validated configuration. Used by bin/app.ts and tests.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { CertwatchStack } from './certwatch-stack';
import { type CertwatchConfig, ConfigError } from './config-schema';
import { MemberAccountStack } from './member-account-stack';

/** The stacks of one certwatch deployment. */
export interface CertwatchStacks {
  readonly central: CertwatchStack;
  readonly members: readonly MemberAccountStack[];
}

interface MemberTarget {
  account: string;
  roleName: string;
  regions: Map<string, string[]>;
}

/** Adds the certwatch stacks for `config` to `app`. `defaults` are CDK_DEFAULT_ACCOUNT/REGION. */
export function buildCertwatchApp(
  app: App,
  config: CertwatchConfig,
  defaults: Environment = {},
): CertwatchStacks {
  const env = { account: config.account ?? defaults.account, region: config.region ?? defaults.region };
  const central = new CertwatchStack(app, config.name, {
    config,
    env,
    description: 'certwatch: mesh certificate expiry watch',
  });
  const targets = memberTargets(config);
  if (targets.length > 0 && (!env.account || !env.region)) {
    throw new ConfigError([
      'account: expected the central account and region (set "account" and "region", or run with AWS credentials), ' +
        'received nothing; member accounts trust the central roles by exact ARN',
    ]);
  }
  const trusted = ['dispatch', 'scan'].map(
    (r) => `arn:aws:iam::${env.account}:role/${config.name}-${r}-${env.region}`,
  );
  const members = targets.flatMap((target) =>
    [...target.regions.entries()]
      // The role lives in the first region's stack; other regions need a stack only for access entries.
      .filter(([, clusterNames], index) => index === 0 || clusterNames.length > 0)
      .map(
        ([region, clusterNames], index) =>
          new MemberAccountStack(app, `${config.name}-member-${target.account}-${region}`, {
            env: { account: target.account, region },
            roleName: target.roleName,
            trustedRoleArns: trusted,
            clusterNames,
            createRole: index === 0, // IAM is global: one role per account
            description: 'certwatch: reader role and access entries for a member account',
          }),
      ),
  );
  return { central, members };
}

/** Accounts reached by assuming a role, with the clusters (per region) that need access entries. */
function memberTargets(config: CertwatchConfig): MemberTarget[] {
  const byAccount = new Map<string, MemberTarget>();
  const target = (roleArn: string) => {
    const [, , , , account = '', resource = ''] = roleArn.split(':');
    const roleName = resource.split('/').pop() ?? '';
    const found = byAccount.get(account) ?? { account, roleName, regions: new Map() };
    byAccount.set(account, found);
    return found;
  };
  for (const cluster of config.clusters) {
    if (!cluster.roleArn) continue;
    const names = target(cluster.roleArn).regions;
    const list = names.get(cluster.region) ?? [];
    if (cluster.accessEntry) list.push(cluster.name);
    names.set(cluster.region, list);
  }
  for (const discovery of config.discovery?.targets ?? []) {
    const regions = target(discovery.roleArn).regions;
    for (const region of discovery.regions) regions.set(region, regions.get(region) ?? []);
  }
  return [...byAccount.values()];
}
