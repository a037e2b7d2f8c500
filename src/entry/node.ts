import { Redis } from 'ioredis';
import { fetcherOptionsFromEnv } from '../fetch/fetch-config.ts';
import { createHttpFetcher, type HttpFetcher } from '../fetch/fetcher.ts';
import { createWebhookSender } from '../fetch/webhook-sender.ts';
import { parseAllowlist } from '../fetch/ssrf-policy.ts';
import { SpreadRuntime } from '../spread/spread-runtime.ts';
import { Matcher } from '../match/matcher.ts';
import { RateLimiter } from '../api/rate-limit.ts';
import { readFileSync } from 'node:fs';
import { createApp } from '../api/app.ts';
import { dumpLimits, type Config } from '../config.ts';
import { createDiskUploadStore } from '../ingest/upload-store.ts';
import { createBullmqEnqueuer } from '../queue/bullmq.ts';
import type { Enqueue, Enqueuer } from '../queue/enqueuer.ts';
import { createInProcessEnqueuer, type InProcessEnqueuer } from '../queue/in-process.ts';
import { openDb, type Db } from '../store/db.ts';
import { createProcessors } from '../../workers/processors/index.ts';

export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export interface NodeRuntime {
  config: Config;
  db: Db;
  fetcher: HttpFetcher;
  enqueuer: Enqueuer;
  /** Set when jobs run in this process (no REDIS_URL). */
  inProcess: InProcessEnqueuer | null;
  close(): Promise<void>;
}

/**
 * Builds the clients of one Node process from its configuration: the
 * database, and the job queue (BullMQ when REDIS_URL is set, in-process
 * otherwise).
 */
export async function createNodeRuntime(config: Config, options: { onProgress?: (jobId: string, value: unknown) => void } = {}): Promise<NodeRuntime> {
  const db = await openDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  const fetcher = createHttpFetcher(fetcherOptionsFromEnv(config));
  const webhooks = createWebhookSender({ allowlist: parseAllowlist(config.LEAKLINE_FETCH_ALLOW), userAgent: config.LEAKLINE_FETCH_USER_AGENT, timeoutMs: config.LEAKLINE_FETCH_TIMEOUT_MS });
  let redis: Redis | null = null;
  let inProcess: InProcessEnqueuer | null = null;
  let enqueuer: Enqueuer;
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    enqueuer = createBullmqEnqueuer({ db, connection: redis, prefix: config.LEAKLINE_QUEUE_PREFIX });
  } else {
    // processors enqueue follow-ups (links to follow) through the enqueuer that runs them
    const enqueue: Enqueue = (name, payload, opts) => inProcess!.enqueue(name, payload, opts);
    const processors = createProcessors({ db, limits: dumpLimits(config), fetcher, webhooks, spread: new SpreadRuntime(db), enqueue });
    inProcess = createInProcessEnqueuer({ db, processors, ...options });
    enqueuer = inProcess;
  }
  return {
    config,
    db,
    fetcher,
    enqueuer,
    inProcess,
    async close() {
      await enqueuer.close();
      await fetcher.close();
      await webhooks.close();
      redis?.disconnect();
      db.$client.close();
    },
  };
}

/** The HTTP app over a Node runtime. */
export function createNodeApp(runtime: NodeRuntime) {
  return createApp({
    db: runtime.db,
    enqueuer: runtime.enqueuer,
    uploads: createDiskUploadStore(runtime.config.LEAKLINE_UPLOAD_DIR, runtime.config.LEAKLINE_MAX_UPLOAD_BYTES),
    maxUploadBytes: runtime.config.LEAKLINE_MAX_UPLOAD_BYTES,
    version: VERSION,
    matcher: new Matcher(runtime.db),
    fetcher: runtime.fetcher,
    access: { openWhenNoKeys: isLoopbackHost(runtime.config.HOST), limiter: new RateLimiter(runtime.config.LEAKLINE_RATE_PER_SECOND, runtime.config.LEAKLINE_RATE_BURST) },
  });
}

/** True for a listening address only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
