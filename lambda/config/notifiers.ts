/**
 * The notification channels of the Lambdas: SNS (alerts and digest topics) and, when configured,
 * Slack with its bot token read once from Secrets Manager. Channels stay separate so alert state
 * tracks delivery per channel.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SlackNotifier } from '../adapters/slack/slack-notifier';
import { SnsNotifier } from '../adapters/sns/sns-notifier';
import type { Notifier } from '../ports/notifier';
import type { LambdaEnv } from './lambda-env';

/** Injectable clients (tests point them at mocks or loopback servers). */
export interface NotifierClients {
  readonly sns?: SNSClient;
  readonly secrets?: SecretsManagerClient;
  /** @default - SLACK_API_URL from the environment, else Slack's own */
  readonly slackApiUrl?: string;
}

/** SNS (when a topic is set) and Slack (when channel + secret are set). */
export async function notifiersFor(env: LambdaEnv, clients: NotifierClients = {}): Promise<Notifier[]> {
  const notifiers: Notifier[] = [];
  if (env.alertsTopicArn) {
    notifiers.push(
      new SnsNotifier({
        client: clients.sns ?? new SNSClient({}),
        alertTopicArn: env.alertsTopicArn,
        digestTopicArn: env.digestTopicArn,
      }),
    );
  }
  if (env.slack) {
    const secrets = clients.secrets ?? new SecretsManagerClient({});
    const out = await secrets.send(new GetSecretValueCommand({ SecretId: env.slack.tokenSecret }));
    if (!out.SecretString)
      throw new Error(`secret ${env.slack.tokenSecret} has no string value (expected the Slack bot token)`);
    notifiers.push(
      new SlackNotifier({
        token: out.SecretString.trim(),
        channel: env.slack.channel,
        slackApiUrl: clients.slackApiUrl ?? process.env['SLACK_API_URL'],
      }),
    );
  }
  return notifiers;
}
