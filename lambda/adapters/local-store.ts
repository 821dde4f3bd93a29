/**
 * LocalHistoryStore: the same DynamoDbHistoryStore over an embedded dynalite server (pure JS,
 * in-process, on 127.0.0.1 with a random port), persisted under a state directory — or kept in
 * memory when none is given. The CLI's history, with no AWS and no Java.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createHistoryTable } from './dynamodb/create-history-table';
import { DynamoDbHistoryStore } from './dynamodb/dynamodb-history-store';

const TABLE = 'certwatch-history';

/** Options for the embedded store. */
export interface LocalStoreOptions {
  /** Folder for the LevelDB files; omitted = in memory, gone on close. */
  readonly stateDir?: string;
}

/** A DynamoDbHistoryStore on an embedded dynalite. Call `close()` when done. */
export class LocalHistoryStore extends DynamoDbHistoryStore {
  private constructor(
    private readonly server: Server,
    /** The client talking to the embedded server (tests attach write counters to it). */
    readonly localClient: DynamoDBClient,
  ) {
    super(localClient, TABLE);
  }

  /** Starts dynalite, creates the table on first use, and returns the store. */
  static async open(options: LocalStoreOptions = {}): Promise<LocalHistoryStore> {
    const dynalite = require('dynalite') as (o: object) => Server;
    let path: string | undefined;
    if (options.stateDir) {
      path = join(options.stateDir, 'history');
      mkdirSync(path, { recursive: true });
    }
    const server = dynalite({
      ...(path ? { path } : {}),
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 2,
    });
    try {
      await createHistoryTable(client, TABLE);
    } catch (err) {
      client.destroy();
      await closeServer(server);
      const where = path ? ` in ${path} (is another certwatch using it?)` : '';
      throw new Error(`cannot open the local history store${where}`, { cause: err });
    }
    return new LocalHistoryStore(server, client);
  }

  /** Stops the server and releases the LevelDB lock. */
  async close(): Promise<void> {
    this.localClient.destroy();
    await closeServer(this.server);
  }
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
