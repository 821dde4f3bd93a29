/**
 * Claims on alert items: a conditional UpdateItem on the alert's own item (attributes `claimedBy`,
 * `claimUntil` in epoch ms), so two runs cannot both deliver one transition. `saveAlert` is a
 * PutItem of the whole item, which ends the claim with the same write that stores the new state.
 * Supported by DynamoDB, DynamoDB Local and dynalite.
 */
import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlertClaim, AlertClaimResult } from '../../domain/history/alert-claim';
import type { AlertRecord } from '../../domain/history/records';
import { fromItem, type Item } from './dynamodb-items';
import { keys } from './table-schema';

const NAMES = { '#by': 'claimedBy', '#until': 'claimUntil' };

function alertKey(claim: AlertClaim): Item {
  const k = keys.alert(claim.cluster, claim.key);
  return { pk: { S: k.pk }, sk: { S: k.sk } };
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Takes the claim unless another owner holds an unexpired one; returns the item's record if any. */
export async function claimAlertItem(
  client: DynamoDBClient,
  table: string,
  claim: AlertClaim,
): Promise<AlertClaimResult> {
  try {
    const out = await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: alertKey(claim),
        UpdateExpression: 'SET #by = :me, #until = :until',
        ConditionExpression: 'attribute_not_exists(#until) OR #until < :now OR #by = :me',
        ExpressionAttributeNames: NAMES,
        ExpressionAttributeValues: {
          ':me': { S: claim.owner },
          ':until': { N: String(claim.until.getTime()) },
          ':now': { N: String(claim.now.getTime()) },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const item = out.Attributes;
    // An alert never saved yet has no `data`: the claim created a bare item.
    return { claimed: true, current: item?.data ? fromItem<AlertRecord>(item) : undefined };
  } catch (error) {
    if (isConditionFailure(error)) return { claimed: false };
    throw error;
  }
}

/** Removes the claim if `claim.owner` still holds it; otherwise leaves the item alone. */
export async function releaseAlertItem(
  client: DynamoDBClient,
  table: string,
  claim: AlertClaim,
): Promise<void> {
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: alertKey(claim),
        UpdateExpression: 'REMOVE #by, #until',
        ConditionExpression: '#by = :me',
        ExpressionAttributeNames: NAMES,
        ExpressionAttributeValues: { ':me': { S: claim.owner } },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
