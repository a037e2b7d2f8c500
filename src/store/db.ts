import { createClient, LibsqlError, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '../../db/schema.ts';
import { seedDomains } from './domains.ts';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export interface DbOptions {
  url: string;
  authToken?: string | undefined;
  /** For a `file:` database: how long a statement waits for another connection's write lock (BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/**
 * How long a statement waits for another process's write lock before failing
 * with SQLITE_BUSY (the job is then retried with backoff). The wait blocks the
 * event loop, so BullMQ's lock timings in workers/main.ts are set around it.
 */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens the database (a `file:` path or a libSQL server) and applies pending
 * migrations. A file database runs in WAL mode with a busy timeout, so
 * several processes (server and workers) can share it.
 *
 * @example
 * const db = await openDb({ url: 'file:./data/leakline.db' });
 */
export async function openDb(options: DbOptions): Promise<Db> {
  const isFile = options.url.startsWith('file:');
  if (isFile) {
    const path = options.url.slice('file:'.length).split('?')[0]!;
    if (path && path !== ':memory:') await mkdir(dirname(resolve(path)), { recursive: true });
  }
  // the client keeps a pool of connections and opens more when calls overlap: a
  // PRAGMA reaches only the connection it ran on, `timeout` reaches them all
  const client = createClient({ url: options.url, ...(options.authToken ? { authToken: options.authToken } : {}), ...(isFile ? { timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS } : {}) });
  if (isFile) {
    reconnectAfterBusy(client);
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema }) as Db;
  await migrateWithRetry(db);
  await seedDomains(db);
  return db;
}

/**
 * A statement that fails with SQLITE_BUSY is left in progress on its
 * connection (tursodatabase/libsql-client-ts#352, open in @libsql/client
 * 0.18 / libsql 0.5.29) until it is garbage collected. Until then every COMMIT
 * on that connection fails ("cannot commit transaction - SQL statements in
 * progress") and, worse, autocommit writes there report success but are never
 * committed. So after a busy failure the client drops its connections and
 * opens fresh ones; the failure itself still reaches the caller (a job is
 * retried). Interactive transactions, which this code base does not use,
 * would be closed under their holder.
 */
function reconnectAfterBusy(client: Client): void {
  const heal = (error: unknown): never => {
    if (error instanceof LibsqlError && error.code.startsWith('SQLITE_BUSY')) void client.reconnect();
    throw error;
  };
  const execute = client.execute.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const batch = client.batch.bind(client);
  const migrateStatements = client.migrate.bind(client);
  client.execute = ((...args: unknown[]) => execute(...args).catch(heal)) as Client['execute'];
  client.batch = ((...args: Parameters<Client['batch']>) => batch(...args).catch(heal)) as Client['batch'];
  client.migrate = ((...args: Parameters<Client['migrate']>) => migrateStatements(...args).catch(heal)) as Client['migrate'];
}

/** Two processes starting at once both try to migrate; the loser waits and finds it done. */
async function migrateWithRetry(db: Db): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await migrate(db, { migrationsFolder });
      return;
    } catch (error) {
      const busy = /SQLITE_BUSY|database is locked|already exists/i.test(String(error));
      if (!busy || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
  }
}

/**
 * Whether an error came from the database (busy, locked, I/O) rather than
 * from what was being read: such a failure says nothing about the content,
 * and the job should fail and be retried instead of recording it.
 */
export function isDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof LibsqlError) return true;
  }
  return false;
}
