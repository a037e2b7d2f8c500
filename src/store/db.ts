import { createClient, type Client } from '@libsql/client';
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
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

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
  const client = createClient({ url: options.url, ...(options.authToken ? { authToken: options.authToken } : {}) });
  if (isFile) {
    await client.execute('PRAGMA busy_timeout = 15000');
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  const db = drizzle(client, { schema }) as Db;
  await migrateWithRetry(db);
  await seedDomains(db);
  return db;
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
