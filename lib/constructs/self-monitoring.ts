/**
 * certwatch watching itself, at a fixed price whatever the fleet size: alarms to the alerts topic
 * when scans or the dispatcher fail, when the dead-letter queue holds messages, when discovery
 * could not search an account/region (with discovery configured), or when no scan at all succeeded
 * for two intervals (missing data counts as breaching: silence is the failure); for the digest,
 * when its Lambda fails (a run no channel took fails), when any channel refused it, and when it did
 * not run on 7 calendar days in a row (a weekly schedule only); plus a dashboard of fleet metrics. Per-cluster health (a
 * cluster whose scans stopped) lives in DynamoDB and alerts as `scan_missed`, not as one alarm and
 * one metric per cluster.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DAYS_LEFT_LEVELS, METRIC, METRICS_NAMESPACE } from '../../lambda/config/env-names';
import type { WeeklyDigest } from '../weekly-digest';

/** Props of {@link SelfMonitoring}. */
export interface SelfMonitoringProps {
  readonly alertsTopic: sns.ITopic;
  readonly scanErrors: cloudwatch.IMetric;
  /** Errors of the dispatcher (discovery, enqueue, the missed-scan check). */
  readonly dispatchErrors: cloudwatch.IMetric;
  readonly deadLetterQueue: sqs.IQueue;
  /** Powertools service name (a dimension of every certwatch metric). */
  readonly serviceName: string;
  /** @default 60 */
  readonly scanIntervalMinutes?: number;
  /** Discovery by tag is configured: alarm when an account/region could not be searched. @default false */
  readonly discovery?: boolean;
  /** The digest Lambda: its errors (a crash, or a run no channel took) and its runs alarm. */
  readonly digestFunction: lambda.IFunction;
  /**
   * The digest fires on at least one of every 7 calendar days in this zone: alarm when it did not
   * run on 7 days in a row. @default - no such alarm (CloudWatch evaluates at most 7 days, so a
   * longer gap between digests cannot be told from a missed one)
   */
  readonly weeklyDigest?: WeeklyDigest;
}

/** Alarms (to the alerts topic) and a dashboard. */
export class SelfMonitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  private readonly topic: sns.ITopic;

  constructor(scope: Construct, id: string, props: SelfMonitoringProps) {
    super(scope, id);
    this.topic = props.alertsTopic;
    const interval = Duration.minutes(props.scanIntervalMinutes ?? 60);
    this.add('ScanErrors', props.scanErrors, 'certwatch scans are failing');
    this.add(
      'DispatchErrors',
      props.dispatchErrors,
      'the certwatch dispatcher is failing (no scans are being sent)',
    );
    if (props.discovery) {
      // Its own alarm: a cluster discovery cannot see is not dispatched, and not judged scan_missed.
      this.add(
        'DiscoveryFailures',
        this.metric(METRIC.discoveryFailures, props.serviceName, {}, interval, 'Sum'),
        'cluster discovery could not search an account or region (its clusters are not being scanned)',
      );
    }
    const dlq = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    });
    this.add('DeadLetters', dlq, 'scan messages are in the dead-letter queue');
    // Covers discovered clusters too: no successful scan at all for two intervals.
    this.silence(
      'NoScanAtAll',
      this.metric(METRIC.scanSucceeded, props.serviceName, {}, interval, 'Sum'),
      'no successful scan of any cluster for two intervals',
      2,
    );
    this.add(
      'DigestErrors',
      props.digestFunction.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      'the certwatch digest failed (no channel took it, or the Lambda crashed or timed out)',
    );
    // A channel that refused the digest while another took it: the run succeeds, so only this tells.
    this.add(
      'DigestChannelsFailed',
      this.metric(METRIC.digestChannelsFailed, props.serviceName, {}, Duration.minutes(5), 'Sum'),
      'a channel (Slack or SNS) refused the digest',
    );
    if (props.weeklyDigest) this.noDigestRun(props.digestFunction, props.weeklyDigest);
    this.dashboard = this.buildDashboard(props, interval);
  }

  /** Alarms when `metric` has no datapoint ≥ 1 in `periods` periods in a row (missing data counts: silence is the failure). */
  private silence(id: string, metric: cloudwatch.IMetric, what: string, periods: number): cloudwatch.Alarm {
    return this.watch(
      new cloudwatch.Alarm(this, id, {
        alarmDescription: `certwatch: ${what}`,
        metric,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );
  }

  /**
   * The digest did not run on 7 calendar days in a row (its Lambda's Invocations; a run that
   * delivered nothing is a DigestErrors alarm). Daily periods on a wall clock window count whole
   * days in the schedule's zone: a sliding window would alarm whenever one digest ran a few seconds
   * later in its day than the one a week before. 7 × 1 day is CloudWatch's longest evaluation. The
   * quiet days between digests have no datapoint and count as breaching, but the digest's day is
   * among any 7 consecutive days, so only a week without a run alarms, at the first midnight after
   * the day it should have run.
   */
  private noDigestRun(digest: lambda.IFunction, weekly: WeeklyDigest): void {
    const alarm = this.silence(
      'NoDigestRun',
      digest.metricInvocations({ period: Duration.days(1), statistic: 'Sum' }),
      `the digest did not run on 7 days in a row (days in ${weekly.timeZone})`,
      7,
    );
    (alarm.node.defaultChild as cloudwatch.CfnAlarm).evaluationWindow = {
      wallClockWindow: { timezone: weekly.timeZone },
    };
  }

  /** Alarms when `metric` reaches 1 in one period (no data: nothing happened, not breaching). */
  private add(id: string, metric: cloudwatch.IMetric, what: string): void {
    this.watch(
      new cloudwatch.Alarm(this, id, {
        alarmDescription: `certwatch: ${what}`,
        metric,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** Sends `alarm` to the alerts topic and lists it on the dashboard. */
  private watch(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  private metric(
    name: string,
    service: string,
    dims: Record<string, string>,
    period: Duration,
    statistic: string,
  ) {
    return new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: name,
      dimensionsMap: { service, ...dims },
      period,
      statistic,
    });
  }

  // Fleet-wide (service-level) metrics only: their number does not grow with the fleet.
  private buildDashboard(props: SelfMonitoringProps, interval: Duration): cloudwatch.Dashboard {
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    const fleet = (name: string, statistic: string, dims: Record<string, string> = {}) =>
      this.metric(name, props.serviceName, dims, interval, statistic);
    const levels = DAYS_LEFT_LEVELS.map((level) => fleet(METRIC.daysLeft, 'Minimum', { level }));
    const scans = [fleet(METRIC.scanSucceeded, 'Sum'), fleet(METRIC.scanFailed, 'Sum')];
    const dispatch = [
      fleet(METRIC.clustersDispatched, 'Maximum'),
      ...(props.discovery ? [fleet(METRIC.discoveryFailures, 'Sum')] : []),
    ];
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'Minimum days left per level', left: levels, width: 12 }),
      new cloudwatch.GraphWidget({
        title: props.discovery ? 'Clusters dispatched / discovery failures' : 'Clusters dispatched',
        left: dispatch,
        width: 12,
      }),
      new cloudwatch.GraphWidget({ title: 'Scan errors', left: [props.scanErrors], width: 6 }),
      new cloudwatch.GraphWidget({
        title: 'Scan duration p90 (ms)',
        left: [fleet(METRIC.scanDurationMs, 'p90')],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Sources failed',
        left: [fleet(METRIC.sourcesFailed, 'Sum')],
        width: 6,
      }),
      new cloudwatch.GraphWidget({ title: 'Scans succeeded / failed', left: scans, width: 6 }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
    );
    return dashboard;
  }
}
