/**
 * Least privilege and cdk-nag: every policy statement of every stack is walked; eks, sts,
 * dynamodb, sns and secretsmanager actions never get a `*` resource (eks:ListClusters, which has
 * no resource-level permissions, is the one documented exception in member stacks), and the app has
 * zero unsuppressed AwsSolutions errors.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { CertwatchStacks } from '#lib/certwatch-app';
import { synthApp } from './stack-fixture';

let stacks: CertwatchStacks;
beforeAll(() => {
  ({ stacks } = synthApp());
});

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: { Service?: string };
}

function statements(stack: Stack): Array<Statement & { owner: string }> {
  const template = Template.fromStack(stack).toJSON() as {
    // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
  };
  return Object.entries(template.Resources).flatMap(([id, r]) => {
    const docs =
      r.Type === 'AWS::IAM::Policy'
        ? [r.Properties.PolicyDocument]
        : r.Type === 'AWS::IAM::Role'
          ? (r.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument)
          : [];
    return docs.flatMap((doc: { Statement: Statement[] }) => doc.Statement.map((s) => ({ ...s, owner: id })));
  });
}

const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
const SCOPED = /^(eks|sts|dynamodb|sns|secretsmanager):/;

describe('IAM', () => {
  it('has statements to check', () => {
    expect(statements(stacks.central).length).toBeGreaterThan(5);
  });

  it.each(['central', 'member'])('never gives scoped actions a * resource (%s)', (which) => {
    const all = which === 'central' ? [stacks.central] : stacks.members;
    const offences = all.flatMap((stack) =>
      statements(stack)
        .filter((s) => list(s.Action).some((a) => SCOPED.test(a) && a !== 'eks:ListClusters'))
        .filter((s) => list(s.Resource).includes('*'))
        .map((s) => `${stack.stackName}/${s.owner}: ${list(s.Action).join(',')}`),
    );
    expect(offences).toEqual([]);
  });

  it('lets the scan role describe only the named in-account cluster and assume only the named roles', () => {
    const all = statements(stacks.central);
    const describe = all.filter((s) => list(s.Action).includes('eks:DescribeCluster'));
    expect(describe).toHaveLength(1);
    expect(JSON.stringify(describe[0]?.Resource)).toContain(':cluster/prod-eu');
    const assume = all.filter((s) => list(s.Action).includes('sts:AssumeRole'));
    const roles = new Set(assume.flatMap((s) => list(s.Resource)));
    expect([...roles].sort()).toEqual([
      'arn:aws:iam::222222222222:role/certwatch-reader',
      'arn:aws:iam::333333333333:role/certwatch-reader',
    ]);
  });

  // Read from the code (lib/constructs/history-table.ts HISTORY_ACTIONS says which store call needs what).
  it.each([
    ['ScansScanRole', ['BatchWriteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'], false],
    ['ScansDispatchRole', ['PutItem', 'Query', 'UpdateItem'], false],
    ['DigestRole', ['GetItem', 'PutItem', 'Query'], true],
  ])('gives %s exactly the DynamoDB actions its code calls (index: %s)', (role, actions, index) => {
    const own = statements(stacks.central).filter((s) => s.owner.startsWith(role));
    const dynamo = own.filter((s) => list(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    const granted = list(dynamo[0]!.Action).map((a) => a.replace('dynamodb:', ''));
    expect(granted.sort()).toEqual(actions);
    expect(granted).not.toContain('Scan');
    expect(granted).not.toContain('DeleteItem');
    expect(JSON.stringify(dynamo[0]!.Resource).includes('/index/byNotAfter')).toBe(index);
    expect(JSON.stringify(dynamo[0]!.Resource)).not.toContain('*');
  });

  it('lets the Lambdas use the topic key only through SNS (kms:ViaService)', () => {
    const kms = statements(stacks.central).filter((s) => list(s.Action).some((a) => a.startsWith('kms:')));
    expect(kms.length).toBe(3); // scan, dispatch, digest
    for (const s of kms) {
      expect(s.Condition?.StringEquals?.['kms:ViaService']).toBe('sns.eu-west-1.amazonaws.com');
    }
  });

  it('lets CloudWatch use the topic key only for this account’s alarms (aws:SourceAccount, aws:SourceArn)', () => {
    const template = Template.fromStack(stacks.central);
    const keys = Object.values(template.findResources('AWS::KMS::Key'));
    expect(keys).toHaveLength(1);
    const policy = keys[0]?.Properties.KeyPolicy.Statement as Statement[];
    const cloudwatch = policy.filter((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(cloudwatch).toHaveLength(1);
    expect(cloudwatch[0]?.Condition?.StringEquals?.['aws:SourceAccount']).toBe('111111111111');
    expect(JSON.stringify(cloudwatch[0]?.Condition?.ArnLike?.['aws:SourceArn'])).toContain(
      ':cloudwatch:eu-west-1:111111111111:alarm:*',
    );
    // Every other service principal is absent: only the account root (key administration) remains.
    expect(policy.filter((s) => s.Principal?.Service && s !== cloudwatch[0])).toEqual([]);
  });

  it('trusts only the central dispatch and scan roles in member accounts', () => {
    const member = Template.fromStack(stacks.members[0] as Stack);
    const roles = Object.values(member.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(1);
    const principals = roles[0]?.Properties.AssumeRolePolicyDocument.Statement.map(
      (s: { Principal: { AWS: string } }) => s.Principal.AWS,
    );
    expect(principals.sort()).toEqual([
      'arn:aws:iam::111111111111:role/certwatch-dispatch-eu-west-1',
      'arn:aws:iam::111111111111:role/certwatch-scan-eu-west-1',
    ]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports zero unacknowledged errors (synth would throw ValidationFailed otherwise)', () => {
    expect(() => synthApp()).not.toThrow();
  });

  it('fails synth when a finding is not acknowledged (the check can fail)', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Bare');
    new sqs.Queue(stack, 'Unencrypted', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
  });

  it('creates one member stack per account and region (role only once per account)', () => {
    expect(stacks.members.map((s) => s.stackName).sort()).toEqual([
      'certwatch-member-222222222222-us-east-1',
      'certwatch-member-333333333333-eu-west-1',
    ]);
    const roles = stacks.members.map(
      (s) => Object.keys(Template.fromStack(s).findResources('AWS::IAM::Role')).length,
    );
    expect(roles.reduce((a, b) => a + b, 0)).toBe(2);
  });
});
