/**
 * The certwatch stack: history table, topics, schedules, dispatcher → SQS → scan fan-out, digest,
 * self-monitoring and access entries for in-account clusters. IAM is scoped to the named clusters,
 * roles, table, topics and secret. CDK only: the Lambdas get their settings through ENV.
 */
import { Annotations, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ENV, METRICS_NAMESPACE } from '../lambda/config/env-names';
import type { CertwatchConfig } from './config-schema';
import { CertwatchFunction } from './constructs/certwatch-function';
import { ClusterAccess } from './constructs/cluster-access';
import { HISTORY_ACTIONS, HistoryTable } from './constructs/history-table';
import { NotificationTopics } from './constructs/notification-topics';
import { ScanFanOut, type ScanNetwork } from './constructs/scan-fan-out';
import { Schedules } from './constructs/schedules';
import { SelfMonitoring } from './constructs/self-monitoring';
import { lambdaSettings, scanIntervalMinutes } from './lambda-settings';
import { suppressFunctionDefaults } from './nag-suppressions';
import { weeklyDigest } from './weekly-digest';

/** Props of {@link CertwatchStack}. */
export interface CertwatchStackProps extends StackProps {
  readonly config: CertwatchConfig;
}

/** Everything certwatch runs on in the central account. */
export class CertwatchStack extends Stack {
  readonly history: HistoryTable;
  readonly topics: NotificationTopics;
  readonly fanOut: ScanFanOut;
  readonly digestFunction: CertwatchFunction;
  readonly monitoring: SelfMonitoring;

  constructor(scope: Construct, id: string, props: CertwatchStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.history = new HistoryTable(this, 'History');
    this.topics = new NotificationTopics(this, 'Topics', {
      alertEmails: config.email.alerts,
      digestEmails: config.email.digest,
    });
    const environment = this.lambdaEnvironment(config);
    this.fanOut = new ScanFanOut(this, 'Scans', {
      environment,
      dispatchRoleName: `${config.name}-dispatch-${this.region}`,
      scanRoleName: `${config.name}-scan-${this.region}`,
      maxConcurrency: config.scan.maxConcurrency,
      scanTimeout: Duration.seconds(config.scan.timeoutSeconds),
      scanMemoryMiB: config.scan.memoryMiB,
      ...(config.scan.vpc ? { scanNetwork: this.scanNetwork(config.scan.vpc) } : {}),
    });
    this.digestFunction = new CertwatchFunction(this, 'Digest', {
      handler: 'digest',
      environment,
      timeout: Duration.minutes(2),
    });
    new Schedules(this, 'Schedules', {
      dispatchFunction: this.fanOut.dispatchFunction,
      digestFunction: this.digestFunction,
      scanExpression: config.schedules.scan,
      digestExpression: config.schedules.digest,
      timeZone: config.schedules.timeZone,
    });
    this.grantData(config);
    this.grantClusters(config);
    this.grantUpstreams(config);
    this.monitoring = this.monitor(config);
    this.grantClusterAccess(config);
    for (const fn of [this.fanOut.dispatchFunction, this.fanOut.scanFunction, this.digestFunction]) {
      suppressFunctionDefaults(fn);
    }
  }

  /** Settings from the config plus the names of this stack's resources. */
  private lambdaEnvironment(config: CertwatchConfig): Record<string, string> {
    return {
      ...lambdaSettings(config),
      [ENV.tableName]: this.history.table.tableName,
      [ENV.alertsTopicArn]: this.topics.alerts.topicArn,
      [ENV.digestTopicArn]: this.topics.digest.topicArn,
      [ENV.powertoolsServiceName]: config.name,
      [ENV.powertoolsMetricsNamespace]: METRICS_NAMESPACE,
    };
  }

  private monitor(config: CertwatchConfig): SelfMonitoring {
    const { digest, timeZone } = config.schedules;
    const weekly = weeklyDigest(digest, timeZone);
    if (!weekly) {
      Annotations.of(this).addWarningV2(
        'certwatch:no-digest-alarm',
        `the digest schedule "${digest}" can leave more than 7 days between digests and CloudWatch ` +
          'evaluates an alarm over 7 days at most, so no "digest did not run" alarm was created ' +
          '(digest errors and refused channels still alarm)',
      );
    }
    return new SelfMonitoring(this, 'Monitoring', {
      alertsTopic: this.topics.alerts,
      scanErrors: this.fanOut.metricScanErrors(),
      dispatchErrors: this.fanOut.dispatchFunction.metricErrors({
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      deadLetterQueue: this.fanOut.deadLetterQueue,
      serviceName: config.name,
      scanIntervalMinutes: scanIntervalMinutes(config.schedules.scan),
      discovery: config.discovery !== undefined,
      digestFunction: this.digestFunction,
      ...(weekly ? { weeklyDigest: weekly } : {}),
    });
  }

  /** Access entries (group `certwatch`) for clusters in this account and region. */
  private grantClusterAccess(config: CertwatchConfig): void {
    const inAccount = this.inAccountClusters(config).filter((c) => c.accessEntry);
    if (inAccount.length > 0) {
      new ClusterAccess(this, 'ClusterAccess', {
        clusterNames: inAccount.map((c) => c.name),
        principalArn: this.fanOut.scanFunction.role!.roleArn,
      });
    }
  }

  /** Clusters reached with this account's own credentials (no role to assume). */
  private inAccountClusters(config: CertwatchConfig) {
    return config.clusters.filter((c) => !c.roleArn && (c.account ?? this.account) === this.account);
  }

  /**
   * Table (each Lambda only the actions its code calls), topics and the Slack secret. The
   * dispatcher alerts too: missed scans (scan_missed) and retired clusters.
   */
  private grantData(config: CertwatchConfig): void {
    const { scanFunction, dispatchFunction } = this.fanOut;
    this.history.grantActions(scanFunction, HISTORY_ACTIONS.scan);
    this.history.grantActions(dispatchFunction, HISTORY_ACTIONS.dispatch);
    this.history.grantActions(this.digestFunction, HISTORY_ACTIONS.digest, true);
    for (const fn of [scanFunction, dispatchFunction]) this.topics.grantPublishAlerts(fn);
    this.topics.grantPublishDigest(this.digestFunction);
    if (config.slack) {
      const secret = importSecret(this, 'SlackToken', config.slack.tokenSecret);
      for (const fn of [scanFunction, dispatchFunction, this.digestFunction]) secret.grantRead(fn);
    }
  }

  /**
   * The configured upstream CAs: the scan role may describe and fetch the certificate of exactly
   * the configured Private CAs (those in member accounts are also read through the member role,
   * which the member stack grants), and read the Vault token's secret. Nothing when none is set.
   */
  private grantUpstreams(config: CertwatchConfig): void {
    const { scanFunction } = this.fanOut;
    const arns = [...new Set(config.upstreams.privateCaArns)];
    if (arns.length > 0) {
      scanFunction.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificateAuthorityCertificate'],
          resources: arns,
        }),
      );
    }
    const tokenSecret = config.upstreams.vault?.tokenSecret;
    if (tokenSecret) importSecret(this, 'VaultToken', tokenSecret).grantRead(scanFunction);
  }

  /** The configured subnets (and security groups) the scan Lambda runs in, to reach a private Vault. */
  private scanNetwork(vpc: NonNullable<CertwatchConfig['scan']['vpc']>): ScanNetwork {
    return {
      // Only the subnets below matter to the function; the zones are the region's (no lookup at synth).
      vpc: ec2.Vpc.fromVpcAttributes(this, 'ScanVpc', { vpcId: vpc.vpcId, availabilityZones: Fn.getAzs() }),
      subnets: vpc.subnetIds.map((id) => ec2.Subnet.fromSubnetId(this, `ScanSubnet-${id}`, id)),
      ...(vpc.securityGroupIds
        ? {
            securityGroups: vpc.securityGroupIds.map((id) =>
              ec2.SecurityGroup.fromSecurityGroupId(this, `ScanSecurityGroup-${id}`, id),
            ),
          }
        : {}),
    };
  }

  /** DescribeCluster on the named in-account clusters; AssumeRole on the named member roles. */
  private grantClusters(config: CertwatchConfig): void {
    const { scanFunction, dispatchFunction } = this.fanOut;
    const describable = config.clusters
      .filter((c) => !c.roleArn)
      .map((c) =>
        this.formatArn({
          service: 'eks',
          resource: 'cluster',
          resourceName: c.name,
          region: c.region,
          account: c.account,
        }),
      );
    if (describable.length > 0) {
      scanFunction.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['eks:DescribeCluster'], resources: describable }),
      );
    }
    const scanRoles = [
      ...new Set([
        ...config.clusters.flatMap((c) => (c.roleArn ? [c.roleArn] : [])),
        ...discoveryRoles(config),
      ]),
    ];
    if (scanRoles.length > 0) {
      scanFunction.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: scanRoles }),
      );
    }
    if (discoveryRoles(config).length > 0) {
      dispatchFunction.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: discoveryRoles(config) }),
      );
    }
  }
}

function discoveryRoles(config: CertwatchConfig): string[] {
  return [...new Set((config.discovery?.targets ?? []).map((t) => t.roleArn))];
}

function importSecret(scope: Construct, id: string, nameOrArn: string): secretsmanager.ISecret {
  if (!nameOrArn.startsWith('arn:')) return secretsmanager.Secret.fromSecretNameV2(scope, id, nameOrArn);
  // A complete ARN ends with the 6-character suffix Secrets Manager appends.
  return /-[A-Za-z0-9]{6}$/.test(nameOrArn)
    ? secretsmanager.Secret.fromSecretCompleteArn(scope, id, nameOrArn)
    : secretsmanager.Secret.fromSecretPartialArn(scope, id, nameOrArn);
}
