/**
 * LocalHistoryStore: the same DynamoDbHistoryStore over an embedded dynalite server (pure JS,
 * in-process, on 127.0.0.1 with a random port), persisted under a state directory — or kept in
 * memory when none is given. The CLI's history, with no AWS and no Java.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    private readonly lockFile: string | undefined,
    /** The client talking to the embedded server (tests attach write counters to it). */
    readonly localClient: DynamoDBClient,
  ) {
    super(localClient, TABLE);
  }

  /** Starts dynalite, creates the table on first use, and returns the store. */
  static async open(options: LocalStoreOptions = {}): Promise<LocalHistoryStore> {
    const dynalite = loadDynalite();
    let path: string | undefined;
    let lockFile: string | undefined;
    if (options.stateDir) {
      path = join(options.stateDir, 'history');
      mkdirSync(path, { recursive: true });
      lockFile = acquireLock(join(options.stateDir, 'history.lock'));
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
      if (lockFile) rmSync(lockFile, { force: true });
      const where = path ? ` in ${path} (is another certwatch using it?)` : '';
      throw new Error(`cannot open the local history store${where}`, { cause: err });
    }
    return new LocalHistoryStore(server, lockFile, client);
  }

  /** Stops the server and releases the LevelDB lock. */
  async close(): Promise<void> {
    this.localClient.destroy();
    await closeServer(this.server);
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * One process per state dir: dynalite's LevelDB crashes the process (uncaught) when a second one
 * opens the same folder, so refuse first, with a message. A lock left by a dead process is taken over.
 */
function acquireLock(file: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (isAlive(pid)) throw new Error(`the local history store ${file} is in use by process ${pid}`);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot lock the local history store ${file}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** dynalite is an optional dependency (it builds a native addon): say what to do when it is absent. */
function loadDynalite(): (o: object) => Server {
  try {
    return require('dynalite') as (o: object) => Server;
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      "the local history store needs the optional package 'dynalite', which is not installed: " +
        'install it next to certwatch (npm install dynalite) or use --store dynamodb',
      { cause: error },
    );
  }
}
