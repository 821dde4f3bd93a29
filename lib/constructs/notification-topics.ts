/**
 * The SNS topics certwatch publishes to: alerts (findings, and the stack's own alarms) and the
 * weekly digest. Both encrypted with one customer-managed KMS key (CloudWatch alarms can publish
 * to it), TLS-only, with the configured email subscriptions.
 */
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
    // CloudWatch alarms publish to the alerts topic and need the key.
    this.key.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
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

  /** Publish alerts (the scan Lambda). */
  grantPublishAlerts(grantee: iam.IGrantable): iam.Grant {
    return this.alerts.grantPublish(grantee);
  }

  /** Publish the digest (the digest Lambda). */
  grantPublishDigest(grantee: iam.IGrantable): iam.Grant {
    return this.digest.grantPublish(grantee);
  }
}
