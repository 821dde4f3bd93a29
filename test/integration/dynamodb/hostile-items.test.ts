/**
 * No stored item over DynamoDB's 400 KB, whatever a workload puts in front of the scanner: the
 * worst history a hostile Secret can cause (test/support/hostile-record) recorded through
 * scanCluster and recordScan on the real DynamoDB Local and on the embedded dynalite store; every
 * item the table holds afterwards is measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createHistoryTable } from '#adapters/dynamodb/create-history-table';
import { DynamoDbHistoryStore } from '#adapters/dynamodb/dynamodb-history-store';
import { LocalHistoryStore } from '#adapters/local-store';
import { type DynamoDbLocal, startDynamoDbLocal } from '#support/dynamodb-local';
import { recordHostileHistory } from '#support/hostile-record';

jest.setTimeout(180_000);

const LIMIT = 400 * 1024;
type Item = Record<string, AttributeValue>;

/** Every item of `table`, page by page. */
async function allItems(client: DynamoDBClient, table: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** An upper bound of DynamoDB's item size: attribute names and values as UTF-8, plus JSON framing. */
const sizeOf = (item: Item) => Buffer.byteLength(JSON.stringify(item));

function expectAllUnderLimit(items: readonly Item[], store: string): void {
  expect(items.length).toBeGreaterThan(10);
  const sizes = items.map((item) => ({ size: sizeOf(item), key: `${item.pk?.S}/${item.sk?.S}` }));
  const largest = sizes.reduce((a, b) => (b.size > a.size ? b : a));
  process.stderr.write(
    `${store}: ${items.length} items, largest ${largest.size} bytes (${largest.key.slice(0, 80)})\n`,
  );
  expect(sizes.filter((s) => s.size >= LIMIT)).toEqual([]);
}

it('DynamoDB Local: the hostile history writes, and every item is under 400 KB', async () => {
  const local: DynamoDbLocal = await startDynamoDbLocal();
  const client = local.client();
  try {
    await createHistoryTable(client, 'hostile');
    const { alerts } = await recordHostileHistory(new DynamoDbHistoryStore(client, 'hostile'));
    expect(alerts).toBeGreaterThan(0);
    expectAllUnderLimit(await allItems(client, 'hostile'), 'DynamoDB Local');
  } finally {
    client.destroy();
    await local.stop();
  }
});

it('embedded store (dynalite): the same history, every item under 400 KB', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'certwatch-hostile-items-'));
  const store = await LocalHistoryStore.open({ stateDir });
  try {
    const { alerts } = await recordHostileHistory(store);
    expect(alerts).toBeGreaterThan(0);
    expectAllUnderLimit(await allItems(store.localClient, 'certwatch-history'), 'dynalite');
  } finally {
    await store.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
