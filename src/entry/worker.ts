import { createClient } from '@libsql/client/web';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema.ts';
import { createApp } from '../api/app.ts';
import { RateLimiter } from '../api/rate-limit.ts';
import { Matcher } from '../match/matcher.ts';
import { createRefusingEnqueuer } from '../queue/refusing.ts';
import type { Db } from '../store/db.ts';
import { createD1Client, type D1Database } from './d1-client.ts';
import './worker-assets.ts';

interface Env {
  /** A remote libSQL server (sqld or Turso): libsql:// or https://. Chosen over DB when set. */
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  /** A D1 database bound in wrangler.toml (`[[d1_databases]] binding = "DB"`). */
  DB?: D1Database;
}

const VERSION = '0.1.0';

/**
 * Kept per isolate, so that it counts across requests; Workers run many
 * isolates, so this bounds one client's bursts on one of them (a hard limit
 * is Cloudflare's rate limiting rules' job).
 */
const limiter = new RateLimiter(50, 200);

const NO_JOBS =
  'This Cloudflare Workers deployment serves reads and checks only: ingesting, crawling and importing run on a Node server of Leakline (or `leakline worker` with Redis) over the same database.';

/**
 * The database of one request: a remote libSQL server when DATABASE_URL is
 * set (migrated by the Node side), else the D1 binding (migrated with
 * `wrangler d1 migrations apply`).
 */
function openDatabase(env: Env): { db: Db; close(): void } | null {
  if (env.DATABASE_URL) {
    const client = createClient({ url: env.DATABASE_URL, ...(env.DATABASE_AUTH_TOKEN ? { authToken: env.DATABASE_AUTH_TOKEN } : {}) });
    return { db: drizzleLibsql(client, { schema }) as unknown as Db, close: () => client.close() };
  }
  if (env.DB) {
    // drizzle-orm/d1 builds the same sqlite-core query builder as drizzle-orm/libsql,
    // so the stores' queries run unchanged; the raw client they also use
    // ($client.execute / batch) is swapped for the libSQL-shaped adapter. This
    // cast is the one place a D1 database passes for a libSQL one: what differs
    // is `db.transaction()` (D1 has none; the stores use batches) and `.run()`'s
    // result shape (D1's meta instead of rowsAffected), which no read path uses.
    const db = Object.assign(drizzleD1(env.DB, { schema }), { $client: createD1Client(env.DB) });
    return { db: db as unknown as Db, close: () => {} };
  }
  return null;
}

/**
 * The same Hono app on Cloudflare Workers: API reads, the timeline, checks
 * and the dashboard, behind API keys (created with `leakline keys create` on
 * the Node side, in the same database). Jobs (ingest, crawl, import) are
 * refused with 503.
 * Everything is built per request: Workers give no place to keep clients
 * between requests that is safe to rely on. The matcher is built per request
 * too and loads the fingerprint index on its first check, which suits small
 * deployments (a few thousand documents); a large index belongs on Node.
 */
export default {
  async fetch(request: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
    const database = openDatabase(env);
    if (!database) {
      return Response.json(
        { error: { code: 'not_configured', message: 'This Worker has no database: bind a D1 database as DB in wrangler.toml, or set DATABASE_URL (a libSQL server URL).' } },
        { status: 500 },
      );
    }
    const { db } = database;
    const app = createApp({
      db,
      enqueuer: createRefusingEnqueuer(NO_JOBS),
      // texts and files to check; dump uploads are refused by their route (no job queue here)
      maxUploadBytes: 8 * 1024 * 1024,
      version: VERSION,
      matcher: new Matcher(db),
      // a Worker is reachable from anywhere: never open, even before the first key exists
      access: { openWhenNoKeys: false, limiter },
    });
    const response = await app.fetch(request);
    ctx.waitUntil(Promise.resolve().then(() => database.close()));
    return asEncoded(response);
  },
};

/**
 * The app sets Content-Encoding only on a body it has already encoded (the
 * stored timeline, gzipped once per build), which is what the header means on
 * Node. Workers instead compress any body sent with that header, unless the
 * response says `encodeBody: 'manual'`: without this, clients got gzip inside gzip.
 */
function asEncoded(response: Response): Response {
  if (!response.headers.has('content-encoding')) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers, encodeBody: 'manual' } as ResponseInit);
}
