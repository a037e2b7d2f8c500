import { serve } from '@hono/node-server';
import { parseConfig } from '../config.ts';
import { createNodeApp, createNodeRuntime, isLoopbackHost } from '../entry/node.ts';
import { countActiveKeys } from '../store/keys.ts';
import { syncFeedSchedules } from '../spread/feed-schedules.ts';

/** `leakline serve`: the API and dashboard; jobs in this process unless REDIS_URL is set. Resolves on SIGINT/SIGTERM. */
export async function runServe({ values }: { values: Record<string, unknown> }, env: NodeJS.ProcessEnv): Promise<number> {
  const config = parseConfig({ ...env, ...(values.port ? { PORT: String(values.port) } : {}), ...(values.host ? { HOST: String(values.host) } : {}) });
  const runtime = await createNodeRuntime(config);
  const app = createNodeApp(runtime);
  const keys = await countActiveKeys(runtime.db);
  if (keys === 0 && isLoopbackHost(config.HOST)) {
    console.error('leakline: running OPEN: no API keys exist and it listens on this machine only. Create a key (leakline keys create --role admin) to require keys.');
  } else if (keys === 0) {
    console.error(`leakline: listening on ${config.HOST} with no API keys: every request is refused until you create one (leakline keys create --role admin).`);
  } else console.error(`leakline: ${keys} API key(s); every request needs one.`);
  const feeds = await syncFeedSchedules(runtime.db, runtime.enqueuer);
  if (feeds > 0) console.error(`leakline: polling ${feeds} feed(s) and watched page(s)`);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const host = info.address.includes(':') ? `[${info.address}]` : info.address;
    console.error(`leakline: serving on http://${host === '127.0.0.1' ? 'localhost' : host}:${info.port} (database ${config.DATABASE_URL.replace(/\?.*$/, '')}, jobs ${runtime.enqueuer.mode === 'bullmq' ? 'to Redis; run `leakline worker` to process them' : 'in this process'})`);
  });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.error('leakline: shutting down');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.close();
  return 0;
}
