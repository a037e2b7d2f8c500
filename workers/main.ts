import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { dumpLimits, type Config } from '../src/config.ts';
import { isDomainError } from '../src/domain/errors.ts';
import { jobNames } from '../src/queue/jobs.ts';
import { runJob } from '../src/queue/run-job.ts';
import { openDb } from '../src/store/db.ts';
import { fetcherOptionsFromEnv } from '../src/fetch/fetch-config.ts';
import { createHttpFetcher } from '../src/fetch/fetcher.ts';
import { createWebhookSender } from '../src/fetch/webhook-sender.ts';
import { parseAllowlist } from '../src/fetch/ssrf-policy.ts';
import { createBullmqEnqueuer } from '../src/queue/bullmq.ts';
import { SpreadRuntime } from '../src/spread/spread-runtime.ts';
import { createProcessors } from './processors/index.ts';

export interface RunningWorkers {
  close(): Promise<void>;
}

/**
 * Starts BullMQ workers for every job name against Redis and the database.
 * A non-retryable domain error becomes UnrecoverableError, so BullMQ stops
 * retrying; anything else is retried with backoff.
 */
export async function startWorkers(config: Config, log: (line: string) => void = console.error): Promise<RunningWorkers> {
  if (!config.REDIS_URL) {
    throw new Error('`leakline worker` needs REDIS_URL (e.g. redis://127.0.0.1:6379). Without Redis, `leakline serve` and `leakline ingest` run jobs in-process.');
  }
  const db = await openDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const fetcher = createHttpFetcher(fetcherOptionsFromEnv(config));
  const webhooks = createWebhookSender({ allowlist: parseAllowlist(config.LEAKLINE_FETCH_ALLOW), userAgent: config.LEAKLINE_FETCH_USER_AGENT, timeoutMs: config.LEAKLINE_FETCH_TIMEOUT_MS });
  const followUps = createBullmqEnqueuer({ db, connection, prefix: config.LEAKLINE_QUEUE_PREFIX });
  const processors = createProcessors({ db, limits: dumpLimits(config), fetcher, webhooks, spread: new SpreadRuntime(db), enqueue: followUps.enqueue });
  const workers = jobNames.map(
    (name) =>
      new Worker(
        name,
        async (job) => {
          const attempts = job.opts.attempts ?? 1;
          try {
            return await runJob(db, processors, {
              id: job.id!,
              name: job.name,
              data: job.data,
              lastAttempt: job.attemptsMade + 1 >= attempts,
              onProgress: (value) => void job.updateProgress(value as object).catch(() => undefined),
            });
          } catch (error) {
            if (isDomainError(error) && !error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
            throw error;
          }
        },
        { connection, prefix: config.LEAKLINE_QUEUE_PREFIX, concurrency: config.LEAKLINE_WORKER_CONCURRENCY },
      ),
  );
  for (const worker of workers) {
    worker.on('failed', (job, error) => log(`job ${job?.id} (${worker.name}) failed: ${error.message}`));
    worker.on('completed', (job) => log(`job ${job.id} (${worker.name}) completed`));
    worker.on('error', (error) => log(`worker ${worker.name}: ${error.message}`));
  }
  log(`leakline worker: ${jobNames.join(', ')} on ${config.REDIS_URL.replace(/\/\/[^@]*@/, '//***@')} (prefix ${config.LEAKLINE_QUEUE_PREFIX}), concurrency ${config.LEAKLINE_WORKER_CONCURRENCY}`);
  return {
    async close() {
      // let running jobs finish, then release Redis and the database
      await Promise.all(workers.map((w) => w.close()));
      await followUps.close();
      await fetcher.close();
      await webhooks.close();
      connection.disconnect();
      db.$client.close();
    },
  };
}
