/**
 * The SNS topics certwatch publishes to: alerts (findings, and the stack's own alarms) and the
 * weekly digest. Both encrypted with one customer-managed KMS key (CloudWatch alarms can publish
 * to it), TLS-only, with the configured email subscriptions.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Props of {@link NotificationTopics}. */
export interface NotificationTopicsProps {
  /** @default [] */
  readonly alertEmails?: readonly string[];
  /** @default [] */
  readonly digestEmails?: readonly string[];
}

/** Alerts topic + digest topic, KMS-encrypted, with email subscriptions. */
export class NotificationTopics extends Construct {
  /** Findings and self-monitoring alarms. */
  readonly alerts: sns.Topic;
  /** The weekly digest. */
  readonly digest: sns.Topic;
  /** Key encrypting both topics. */
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: NotificationTopicsProps = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', { enableKeyRotation: true, description: 'certwatch SNS topics' });
    const { account, region, partition } = Stack.of(this);
    // CloudWatch alarms publish to the alerts topic and need the key: only alarms of this account
    // (confused-deputy conditions, as the SNS guide on encrypted topics and AWS service sources shows).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    this.alerts = this.topic('Alerts', props.alertEmails ?? []);
    this.digest = this.topic('Digest', props.digestEmails ?? []);
  }

  private topic(id: string, emails: readonly string[]): sns.Topic {
    const topic = new sns.Topic(this, id, {
      masterKey: this.key,
      enforceSSL: true,
      displayName: `certwatch ${id}`,
    });
    for (const email of emails) topic.addSubscription(new subscriptions.EmailSubscription(email));
    return topic;
  }

  /** Publish alerts (the scan and dispatch Lambdas). */
  grantPublishAlerts(grantee: iam.IGrantable): iam.Grant {
    return this.grantPublish(this.alerts, grantee);
  }

  /** Publish the digest (the digest Lambda). */
  grantPublishDigest(grantee: iam.IGrantable): iam.Grant {
    return this.grantPublish(this.digest, grantee);
  }

  /** sns:Publish on `topic`, and the key only through SNS (kms:ViaService) for the encryption. */
  private grantPublish(topic: sns.Topic, grantee: iam.IGrantable): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['sns:Publish'],
      resourceArns: [topic.topicArn],
    });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sns.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    return grant;
  }
}
