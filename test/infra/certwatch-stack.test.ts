/** The central stack: each behaviour that matters, asserted on the synthesized template. */
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { historyTableDefinition } from '#adapters/dynamodb/table-schema';
import { ENV } from '#config/env-names';
import { exampleConfig, synthApp } from './stack-fixture';

let central: Template;
beforeAll(() => {
  ({ central } = synthApp());
});

const resourcesOf = (type: string) => Object.values(central.findResources(type));

describe('history table', () => {
  it('is on-demand, PITR, encrypted, TTL on expiresAt, retained, with the adapter key schema', () => {
    const def = historyTableDefinition('x');
    central.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        KeySchema: def.KeySchema,
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: def.GlobalSecondaryIndexes?.[0]?.IndexName,
            KeySchema: def.GlobalSecondaryIndexes?.[0]?.KeySchema,
          }),
        ],
      }),
    });
  });
});

describe('functions', () => {
  it('are Node 22 on arm64, three of them, each with a log group retention', () => {
    const fns = resourcesOf('AWS::Lambda::Function');
    expect(fns).toHaveLength(3);
    for (const fn of fns) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    for (const group of resourcesOf('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(90);
  });

  it('scan consumes the queue one message at a time, reporting batch item failures, bounded concurrency', () => {
    central.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('get the table, topics and clusters through the shared env names', () => {
    const envs = resourcesOf('AWS::Lambda::Function').map((f) => f.Properties.Environment.Variables);
    for (const env of envs) {
      expect(env[ENV.tableName]).toBeDefined();
      expect(JSON.parse(env[ENV.clusters]).map((c: { name: string }) => c.name)).toEqual([
        'prod-eu',
        'prod-us',
      ]);
    }
  });
});

describe('queue', () => {
  it('has a dead-letter queue after 3 receives, and both are encrypted', () => {
    central.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 3 },
      SqsManagedSseEnabled: true,
    });
    expect(resourcesOf('AWS::SQS::Queue').every((q) => q.Properties.SqsManagedSseEnabled === true)).toBe(
      true,
    );
  });
});

describe('schedules', () => {
  it('scan hourly and digest Monday 08:00 in the configured time zone', () => {
    central.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
    central.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
    });
  });
});

describe('topics', () => {
  it('are KMS-encrypted with the configured email subscriptions', () => {
    const topics = resourcesOf('AWS::SNS::Topic');
    expect(topics).toHaveLength(2);
    for (const topic of topics) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    central.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
    central.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'platform-team@example.com',
    });
  });
});

describe('self-monitoring', () => {
  it('alarms on scan errors and a non-empty DLQ', () => {
    central.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 1 });
    central.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
  });

  it('alarms when no scan at all succeeded for two intervals (missing data breaching), and on dispatcher errors', () => {
    central.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ScanSucceeded',
      Dimensions: [{ Name: 'service', Value: Match.anyValue() }],
      EvaluationPeriods: 2,
      Period: 3600,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    const errors = resourcesOf('AWS::CloudWatch::Alarm').filter((a) => a.Properties.MetricName === 'Errors');
    expect(errors).toHaveLength(3); // scan, dispatch and digest functions
  });

  it('has the same alarms and metrics for 1 cluster as for 30: per-cluster health lives in DynamoDB', () => {
    const clusters = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ name: `c${i}`, region: 'eu-west-1', accessEntry: false }));
    const count = (n: number) => {
      const template = synthApp(exampleConfig({ clusters: clusters(n) })).central;
      const alarms = template.findResources('AWS::CloudWatch::Alarm');
      const metrics = new Set(
        Object.values(alarms).map((a) =>
          JSON.stringify([a.Properties.MetricName, a.Properties.Dimensions, a.Properties.Namespace]),
        ),
      );
      return { alarms: Object.keys(alarms).length, metrics: metrics.size };
    };
    const one = count(1);
    expect(count(30)).toEqual(one);
    expect(one.alarms).toBe(8); // the example config has discovery (one alarm) and a weekly digest
  });

  it('alarms on discovery failures (its own alarm) only when discovery is configured', () => {
    central.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DiscoveryFailures',
      Namespace: 'Certwatch',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    const without = synthApp(exampleConfig({ discovery: undefined })).central;
    const names = Object.values(without.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.MetricName,
    );
    expect(names).toHaveLength(7);
    expect(names).not.toContain('DiscoveryFailures');
  });

  /** The logical id of the digest Lambda. */
  const digestFunctionId = () => {
    const [id] = Object.keys(
      central.findResources('AWS::Lambda::Function', {
        Properties: { Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DigestRole'), 'Arn'] } },
      }),
    );
    expect(id).toBeDefined();
    return id;
  };

  it('alarms on digest Lambda errors (a run no channel took fails) and on any channel that refused it', () => {
    central.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: digestFunctionId() } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    // Slack down while SNS took it: the run succeeds, so this alarm is the only signal.
    central.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DigestChannelsFailed',
      Namespace: 'Certwatch',
      Dimensions: [{ Name: 'service', Value: 'certwatch' }],
      Statistic: 'Sum',
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('alarms when the digest did not run on 7 whole days in the schedule zone (missing data breaching)', () => {
    const runs = resourcesOf('AWS::CloudWatch::Alarm').filter(
      (a) => a.Properties.MetricName === 'Invocations',
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]?.Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: digestFunctionId() } }],
      Statistic: 'Sum',
      Period: 86_400,
      EvaluationPeriods: 7,
      DatapointsToAlarm: 7,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      // Whole calendar days (a sliding window would alarm when one digest ran later in its day).
      EvaluationWindow: { WallClockWindow: { Timezone: 'Europe/Paris' } },
    });
    // CloudWatch: Period × EvaluationPeriods ≤ 7 days (604,800 s); a wall clock window takes 1-day periods.
    const { Period, EvaluationPeriods } = runs[0]!.Properties as Record<string, number>;
    expect(Period! * EvaluationPeriods!).toBeLessThanOrEqual(604_800);
  });

  it('creates no "did not run" alarm for a schedule that can skip a week, and warns at synth', () => {
    const { stacks, central: monthly } = synthApp(
      exampleConfig({ schedules: { scan: 'rate(1 hour)', digest: 'cron(0 8 1 * ? *)', timeZone: 'UTC' } }),
    );
    const names = Object.values(monthly.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.MetricName,
    );
    expect(names).not.toContain('Invocations');
    expect(names).toContain('DigestChannelsFailed');
    expect(names).toHaveLength(7);
    Annotations.fromStack(stacks.central).hasWarning(
      '*',
      Match.stringLikeRegexp('digest schedule "cron\\(0 8 1 \\* \\? \\*\\)" can leave more than 7 days'),
    );
  });

  it('sends every alarm to the alerts topic and has a dashboard', () => {
    const alarms = resourcesOf('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBe(8);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    expect(resourcesOf('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });
});

describe('cluster access', () => {
  it('creates a STANDARD access entry with the certwatch group for the in-account cluster only', () => {
    const entries = resourcesOf('AWS::EKS::AccessEntry');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.Properties).toMatchObject({
      ClusterName: 'prod-eu',
      Type: 'STANDARD',
      KubernetesGroups: ['certwatch'],
    });
  });
});
