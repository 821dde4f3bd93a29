/**
 * Lambda entry: scan one cluster per SQS message (batch size 1), record it in history, notify,
 * publish metrics. A message whose cluster cannot be reached is reported as a batch item failure
 * (SQS retries it, then the DLQ keeps it).
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { composeFleet } from '../config/compose-fleet';
import { readLambdaEnv } from '../config/lambda-env';
import { accountOfArn } from '../domain/cluster-identity';
import { processScanMessage, scanSetup } from './scan-message';

const setup = scanSetup(composeFleet(readLambdaEnv()));

/** SQS event source handler with partial batch responses. */
export async function handler(
  event: SQSEvent,
  context?: Pick<Context, 'invokedFunctionArn' | 'getRemainingTimeInMillis'>,
): Promise<SQSBatchResponse> {
  const deps = await setup;
  const homeAccount = accountOfArn(context?.invokedFunctionArn);
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const remainingMs = context ? () => context.getRemainingTimeInMillis() : undefined;
    const reached = await processScanMessage(deps, record.body, homeAccount, remainingMs);
    if (!reached) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
}
