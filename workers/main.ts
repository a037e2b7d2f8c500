import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { dumpLimits, type Config } from '../src/config.ts';
import { describeError, isDomainError } from '../src/domain/errors.ts';
import { jobNames } from '../src/queue/jobs.ts';
import { runJob } from '../src/queue/run-job.ts';
import { BUSY_TIMEOUT_MS, openDb } from '../src/store/db.ts';
import { failUnfinishedJob } from '../src/store/jobs.ts';
import { fetcherOptionsFromEnv } from '../src/fetch/fetch-config.ts';
import { createHttpFetcher } from '../src/fetch/fetcher.ts';
import { createWebhookSender } from '../src/fetch/webhook-sender.ts';
import { parseAllowlist } from '../src/fetch/ssrf-policy.ts';
import { createBullmqEnqueuer } from '../src/queue/bullmq.ts';
import { SpreadRuntime } from '../src/spread/spread-runtime.ts';
import { createProcessors } from './processors/index.ts';

/**
 * How a worker that died with jobs running (SIGKILL, out of memory, a lost
 * machine) is noticed: each running job holds a lock that its worker renews
 * every `lockRenewTime`; any live worker runs a stalled check every
 * `stalledInterval`, which puts a job whose lock has lapsed back in the queue.
 * A dead worker's job therefore runs again on another worker roughly 25 to 35 s
 * later (the rest of its lock, then the next check); it starts over, which is
 * safe because every write is idempotent.
 * - lockDuration 30 s, renewed every 5 s: renewal needs the event loop, which a
 *   job blocks during a SQLite busy wait (BUSY_TIMEOUT_MS) or a large
 *   synchronous extraction; a lock that lapses under a live worker would have
 *   the job run twice at once. 25 s of blocking is tolerated.
 * - stalledInterval 5 s (BullMQ's default is 30 s): one small script per queue.
 * - maxStalledCount 2: a job whose worker dies three times (a dump that
 *   exhausts memory) fails instead of killing workers forever; three runs, as
 *   `attempts` gives a job that throws.
 */
export const STALLED_JOBS = { lockDuration: 30_000, lockRenewTime: 5_000, stalledInterval: 5_000, maxStalledCount: 2 } as const;
if (STALLED_JOBS.lockDuration - STALLED_JOBS.lockRenewTime <= BUSY_TIMEOUT_MS) throw new Error('a job lock must outlast a SQLite busy wait');

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
  const followUps = createBullmqEnqueuer({ db, connection, prefix: config.LEAKLINE_QUEUE_PREFIX, onError: (error) => log(`queue: ${error.message}`) });
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
        { connection, prefix: config.LEAKLINE_QUEUE_PREFIX, concurrency: config.LEAKLINE_WORKER_CONCURRENCY, ...STALLED_JOBS },
      ),
  );
  const recording = new Set<Promise<void>>();
  for (const worker of workers) {
    worker.on('failed', (job, error) => {
      // a database error arrives wrapped by drizzle ("Failed query: …"): name its cause too
      const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? ` (${describeError(error.cause)})` : '';
      log(`job ${job?.id} (${worker.name}) failed: ${describeError(error)}${cause}`);
      if (!job?.id || error.name !== 'UnrecoverableError') return;
      // failed by BullMQ itself (stalled too often), so runJob never recorded it: the row still says running
      const stalled = /stalled/.test(error.message) ? `: the worker running it stopped ${STALLED_JOBS.maxStalledCount + 1} times (killed, or out of memory?)` : '';
      const done = failUnfinishedJob(db, job.id, `${describeError(error)}${stalled}`)
        .catch((e: unknown) => log(`job ${job.id}: could not record the failure: ${describeError(e)}`))
        .finally(() => recording.delete(done));
      recording.add(done);
    });
    worker.on('completed', (job) => log(`job ${job.id} (${worker.name}) completed`));
    worker.on('error', (error) => log(`worker ${worker.name}: ${error.message}`));
  }
  log(`leakline worker: ${jobNames.join(', ')} on ${config.REDIS_URL.replace(/\/\/[^@]*@/, '//***@')} (prefix ${config.LEAKLINE_QUEUE_PREFIX}), concurrency ${config.LEAKLINE_WORKER_CONCURRENCY}`);
  return {
    async close() {
      // let running jobs finish, then release Redis and the database
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(recording);
      await followUps.close();
      await fetcher.close();
      await webhooks.close();
      connection.disconnect();
      db.$client.close();
    },
  };
}
