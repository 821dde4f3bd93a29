import { historyTableDefinition, TABLE } from '#adapters/dynamodb/table-schema';

describe('history table schema', () => {
  it('declares the keys and the notAfter index with the TABLE names the CDK stack also uses', () => {
    const def = historyTableDefinition('t');
    expect(def.KeySchema?.map((k) => k.AttributeName)).toEqual(['pk', 'sk']);
    expect(def.KeySchema?.map((k) => k.AttributeName)).toEqual([TABLE.partitionKey, TABLE.sortKey]);
    const gsi = def.GlobalSecondaryIndexes?.[0];
    expect(gsi?.IndexName).toBe(TABLE.notAfterIndex);
    expect(gsi?.KeySchema?.map((k) => k.AttributeName)).toEqual([
      TABLE.notAfterIndexPartitionKey,
      TABLE.notAfterIndexSortKey,
    ]);
    expect(def.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual([
      'gsi1pk',
      'gsi1sk',
      'pk',
      'sk',
    ]);
  });
});
