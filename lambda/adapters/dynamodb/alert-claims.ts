/**
 * Claims on alert items: a conditional UpdateItem on the alert's own item (attributes `claimedBy`,
 * `claimUntil` in epoch ms), so two runs cannot both deliver one transition. Every alert write is
 * a PutItem conditional on the writer's claim and the item's `version` (bumped by each write), so
 * a run whose claim lapsed and was taken over cannot overwrite the newer owner's state. Supported
 * by DynamoDB, DynamoDB Local and dynalite.
 */
import { type DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AlertClaim, AlertClaimResult } from '../../domain/history/alert-claim';
import type { AlertRecord } from '../../domain/history/records';
import { fromItem, type Item, type ItemExtras, toItem } from './dynamodb-items';
import { keys } from './table-schema';

const NAMES = { '#by': 'claimedBy', '#until': 'claimUntil' };
/** The item attribute every alert write is conditional on. */
const VERSION = 'version';

/** The record in an item, with the item's version (items from before versions count as 0). */
function recordOf(item: Item): AlertRecord {
  const version = Number(item[VERSION]?.N ?? 0);
  return { ...fromItem<AlertRecord>(item), version };
}

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
    return { claimed: true, current: item?.data ? recordOf(item) : undefined };
  } catch (error) {
    if (isConditionFailure(error)) return { claimed: false };
    throw error;
  }
}

/**
 * Writes the whole alert item if `claim.owner` still holds it and its version is `alert.version`;
 * keeps the claim unless `release`. Returns the record as stored, or undefined when the claim was
 * lost (taken over, or the item moved on).
 */
export async function saveAlertItem(
  client: DynamoDBClient,
  table: string,
  write: { alert: AlertRecord; claim: AlertClaim; release: boolean; extras: ItemExtras },
): Promise<AlertRecord | undefined> {
  const { alert, claim } = write;
  const expected = alert.version ?? 0;
  const stored: AlertRecord = { ...alert, version: expected + 1 };
  const { version: _v, ...body } = stored;
  const item = toItem(keys.alert(alert.cluster, alert.key), body, write.extras);
  item[VERSION] = { N: String(expected + 1) };
  if (!write.release) {
    item.claimedBy = { S: claim.owner };
    item.claimUntil = { N: String(claim.until.getTime()) };
  }
  try {
    await client.send(
      new PutItemCommand({
        TableName: table,
        Item: item,
        ConditionExpression: `#by = :me AND ${expected === 0 ? 'attribute_not_exists(#v)' : '#v = :v'}`,
        ExpressionAttributeNames: { '#by': 'claimedBy', '#v': VERSION },
        ExpressionAttributeValues: {
          ':me': { S: claim.owner },
          ...(expected === 0 ? {} : { ':v': { N: String(expected) } }),
        },
      }),
    );
    return stored;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
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
