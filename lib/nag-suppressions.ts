/**
 * cdk-nag (v3) acknowledgements, each with its reason, attached to the resource they concern via
 * CDK's `Validations.of(construct).acknowledge()`. Token-based finding ids are computed from the
 * resources' logical ids so a rename cannot silently orphan a suppression.
 */

import type { CfnElement } from 'aws-cdk-lib';
import { Stack, Validations } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IConstruct } from 'constructs';

/** Acknowledges one cdk-nag finding on `scope` with `reason`. */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

function logicalId(resource: IConstruct): string {
  return Stack.of(resource).getLogicalId(resource as CfnElement);
}

/** Findings every certwatch function has by design. */
export function suppressFunctionDefaults(fn: NodejsFunction): void {
  acknowledge(
    fn,
    'AwsSolutions-L1',
    'certwatch targets the nodejs22.x runtime on purpose (the tested runtime).',
  );
  const role = fn.role;
  if (!role) return;
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (tracing is on); ' +
      'a function in a VPC also gets the network-interface actions of AWSLambdaVPCAccessExecutionRole, inline and likewise on *.',
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    'GenerateDataKey* on the one topic key only (SNS publish to an encrypted topic); the wildcard is an action suffix.',
  );
}

/** The Scheduler target role may invoke the one target function, any version or alias. */
export function suppressSchedulerRole(role: IConstruct, fn: IConstruct): void {
  const fnResource = fn.node.defaultChild as IConstruct;
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::<${logicalId(fnResource)}.Arn>:*]`,
    'lambda:InvokeFunction on the one target function and its versions/aliases (Scheduler default policy).',
  );
}
