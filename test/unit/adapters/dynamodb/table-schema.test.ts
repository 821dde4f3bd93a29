import {
  historyTableDefinition,
  NOT_AFTER_INDEX,
  TTL_ATTRIBUTE,
} from '../../../../lambda/adapters/dynamodb/table-schema';
import { TABLE } from '../../../../lambda/config/env-names';

describe('history table schema', () => {
  it('matches the names the CDK stack uses (lambda/config/env-names TABLE)', () => {
    const def = historyTableDefinition('t');
    expect(def.KeySchema?.map((k) => k.AttributeName)).toEqual([TABLE.partitionKey, TABLE.sortKey]);
    const gsi = def.GlobalSecondaryIndexes?.[0];
    expect(gsi?.IndexName).toBe(TABLE.notAfterIndex);
    expect(NOT_AFTER_INDEX).toBe(TABLE.notAfterIndex);
    expect(gsi?.KeySchema?.map((k) => k.AttributeName)).toEqual([
      TABLE.notAfterIndexPartitionKey,
      TABLE.notAfterIndexSortKey,
    ]);
    expect(TTL_ATTRIBUTE).toBe(TABLE.ttlAttribute);
  });
});
