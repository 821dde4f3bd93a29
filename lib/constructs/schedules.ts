/**
 * EventBridge Scheduler schedules: the scan (dispatcher) and the weekly digest, both evaluated in
 * the configured IANA time zone, with a retry policy and no flexible window (runs are on time).
 */
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct, type IConstruct } from 'constructs';
import { suppressSchedulerRole } from '../nag-suppressions';

/** Props of {@link Schedules}. */
export interface SchedulesProps {
  readonly dispatchFunction: lambda.IFunction;
  readonly digestFunction: lambda.IFunction;
  /** `rate(…)` or `cron(…)`. @default 'rate(1 hour)' */
  readonly scanExpression?: string;
  /** @default 'cron(0 8 ? * MON *)' */
  readonly digestExpression?: string;
  /** @default 'UTC' */
  readonly timeZone?: string;
}

/** The two schedules that drive certwatch. */
export class Schedules extends Construct {
  readonly scan: scheduler.Schedule;
  readonly digest: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const timeZone = TimeZone.of(props.timeZone ?? 'UTC');
    const target = (fn: lambda.IFunction, kind: string) =>
      new targets.LambdaInvoke(fn, {
        input: scheduler.ScheduleTargetInput.fromObject({ source: 'certwatch.schedule', kind }),
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      });
    this.scan = new scheduler.Schedule(this, 'Scan', {
      description: 'certwatch: dispatch one scan per cluster',
      schedule: scheduler.ScheduleExpression.expression(props.scanExpression ?? 'rate(1 hour)', timeZone),
      target: target(props.dispatchFunction, 'scan'),
    });
    this.digest = new scheduler.Schedule(this, 'Digest', {
      description: 'certwatch: weekly digest of rotations coming up',
      schedule: scheduler.ScheduleExpression.expression(
        props.digestExpression ?? 'cron(0 8 ? * MON *)',
        timeZone,
      ),
      target: target(props.digestFunction, 'digest'),
    });
    // LambdaInvoke puts one role per target function at stack level; acknowledge its invoke wildcard there.
    for (const fn of [props.dispatchFunction, props.digestFunction]) {
      const role = schedulerRoleOf(Stack.of(this), fn);
      if (role) suppressSchedulerRole(role, fn);
    }
  }
}

/** The stack-level role LambdaInvoke created for `fn` (its policy names the function). */
function schedulerRoleOf(stack: Stack, fn: lambda.IFunction): IConstruct | undefined {
  const arn = stack.resolve(fn.functionArn);
  return stack.node.children.find(
    (child) =>
      child.node.id.startsWith('SchedulerRoleForTarget') &&
      child.node.findAll().some((c) => {
        const document = (c as { policyDocument?: unknown }).policyDocument;
        return (
          document !== undefined && JSON.stringify(stack.resolve(document)).includes(JSON.stringify(arn))
        );
      }),
  );
}
