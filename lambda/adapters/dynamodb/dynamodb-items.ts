/**
 * Item encoding and paged I/O for the history table. Each record is stored as JSON in `data` next
 * to its keys, so the table holds exactly the record fields (nothing from facts like DER is added).
 */
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { TABLE } from './table-schema';

/** A stored item as the SDK sees it. */
export type Item = Record<string, AttributeValue>;

/** Extra attributes beside pk/sk/data. */
export interface ItemExtras {
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
  /** When DynamoDB may delete the item (TTL). */
  readonly expiresAt?: Date;
}

/** Encodes one record under its keys. */
export function toItem(key: { pk: string; sk: string }, record: unknown, extras: ItemExtras = {}): Item {
  const item: Item = { pk: { S: key.pk }, sk: { S: key.sk }, data: { S: JSON.stringify(record) } };
  if (extras.gsi1pk && extras.gsi1sk) {
    item.gsi1pk = { S: extras.gsi1pk };
    item.gsi1sk = { S: extras.gsi1sk };
  }
  if (extras.expiresAt)
    item[TABLE.ttlAttribute] = { N: String(Math.floor(extras.expiresAt.getTime() / 1000)) };
  return item;
}

/** Decodes the record stored in an item. */
export function fromItem<T>(item: Item): T {
  const data = item.data?.S;
  if (data === undefined) throw new Error(`history item ${item.pk?.S}/${item.sk?.S} has no data attribute`);
  return JSON.parse(data) as T;
}

/** Every item of a query, following LastEvaluatedKey. */
export async function queryAll(client: DynamoDBClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The item with the greatest sort key under `prefix` in partition `pk`. */
export async function queryNewest(client: DynamoDBClient, table: string, pk: string, prefix: string) {
  const page = await client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': { S: pk }, ':s': { S: prefix } },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  return page.Items?.[0];
}

/**
 * Writes puts and deletes: one PutItem for a lone item, else BatchWriteItem in chunks of 25,
 * resending UnprocessedItems with a short backoff (throttling is normal under load).
 */
export async function writeAll(
  client: DynamoDBClient,
  table: string,
  requests: WriteRequest[],
): Promise<void> {
  const only = requests[0];
  if (requests.length === 1 && only?.PutRequest?.Item) {
    await client.send(new PutItemCommand({ TableName: table, Item: only.PutRequest.Item }));
    return;
  }
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8)
        throw new Error(`history write: ${pending.length} items still unprocessed after retries`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 25));
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = out.UnprocessedItems?.[table] ?? [];
    }
  }
}
