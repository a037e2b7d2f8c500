import { createClient } from '@libsql/client/web';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../db/schema.ts';
import { createApp } from '../api/app.ts';
import { createRefusingEnqueuer } from '../queue/refusing.ts';
import type { Db } from '../store/db.ts';

interface Env {
  /** A remote libSQL server (sqld or Turso): libsql:// or https://. */
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
}

const NO_JOBS =
  'This Cloudflare Workers deployment serves reads only: ingesting runs on a Node server or `leakline worker` with Redis.';

/**
 * The same Hono app on Cloudflare Workers, over a remote libSQL database
 * (migrations are applied by the Node side). Built per request: Workers give
 * no place to keep clients between requests that is safe to rely on.
 */
export default {
  async fetch(request: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
    if (!env.DATABASE_URL) return Response.json({ error: { code: 'not_configured', message: 'Set DATABASE_URL (a libSQL server URL) for this Worker.' } }, { status: 500 });
    const client = createClient({ url: env.DATABASE_URL, ...(env.DATABASE_AUTH_TOKEN ? { authToken: env.DATABASE_AUTH_TOKEN } : {}) });
    const db = drizzle(client, { schema }) as unknown as Db;
    const app = createApp({ db, enqueuer: createRefusingEnqueuer(NO_JOBS), maxUploadBytes: 0, version: '0.1.0' });
    const response = await app.fetch(request);
    ctx.waitUntil(Promise.resolve().then(() => client.close()));
    return response;
  },
};
