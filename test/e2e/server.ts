import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/api/app.ts';
import type { Enqueuer } from '../../src/queue/enqueuer.ts';
import { Matcher } from '../../src/match/matcher.ts';
import type { Db } from '../../src/store/db.ts';

/** The app as `leakline serve` runs it, on a free port of 127.0.0.1. */
export async function startAppServer(db: Db, enqueuer: Enqueuer): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp({ db, enqueuer, maxUploadBytes: 8 << 20, version: 'e2e', matcher: new Matcher(db) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
