import { Redis } from 'ioredis';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBullmqEnqueuer } from '../../src/queue/bullmq.ts';
import { ingestJobId } from '../../src/queue/job-ids.ts';
import { findJob } from '../../src/store/jobs.ts';
import { writeFaultDump } from './fault-data.ts';
import { drainQueues, snapshotAll } from './fault-run.ts';
import { spawnWorker, startOwnRedis, type WorkerProcess } from './processes.ts';
import { inProcessRuntime } from './runtime.ts';
import { eventually, tempDb } from './temp.ts';

export interface RestartOutcome {
  /** Job statuses when Redis was killed: some done, some running, some waiting. */
  before: (string | undefined)[];
  /** Statuses once everything settled. */
  after: (string | undefined)[];
  downMs: number;
  /** From Redis being back until the job submitted while it was down was in the queue. */
  queuedMs: number;
  /** From Redis being back until every job had finished. */
  finishedMs: number;
  /** Whether the one worker process lived through it. */
  workerAlive: boolean;
  clean: Awaited<ReturnType<typeof snapshotAll>>;
  faulty: Awaited<ReturnType<typeof snapshotAll>>;
  workerLog: string;
}

/**
 * Five ingests through one `leakline worker` on a redis-server of its own
 * (append-only file, fsync always): four queued, then Redis SIGKILLed once
 * the first is done, a fifth submitted while Redis is down, Redis started
 * again after `downMs`. Compares the database with a clean in-process run of
 * the same jobs; cleans up everything it made.
 */
export async function runRestartScenario({ seed, files = 300, downMs = 2000 }: { seed: number; files?: number; downMs?: number }): Promise<RestartOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'leakline-restart-'));
  await mkdir(join(dir, 'redis'));
  const redis = await startOwnRedis(join(dir, 'redis'));
  const env = await tempDb();
  const reference = await tempDb();
  const prefix = 'leakline-restart';
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  // refused connections while Redis is down are expected: ioredis keeps retrying and commands wait
  connection.on('error', () => undefined);
  const enqueuer = createBullmqEnqueuer({ db: env.db, connection, prefix, onError: () => undefined });
  let worker: WorkerProcess | null = null;
  try {
    const jobs: { leak: string; source: string; id: string }[] = [];
    for (let n = 1; n <= 5; n++) {
      // the first job small, so it is done while the others still run or wait
      const dump = await writeFaultDump(join(dir, `dump-${n}`), { seed: seed + n, files: n === 1 ? 40 : files });
      jobs.push({ leak: `restart-${n}`, source: dump.dir, id: await ingestJobId(`restart-${n}`, 'generated') });
    }
    const statuses = () => Promise.all(jobs.map(async (j) => (await findJob(env.db, j.id))?.status));
    worker = spawnWorker({ DATABASE_URL: env.url, REDIS_URL: redis.url, LEAKLINE_QUEUE_PREFIX: prefix });
    await worker.ready();
    for (const job of jobs.slice(0, 4)) await enqueuer.enqueue('ingest-dump', { leak: job.leak, source: job.source }, { jobId: job.id });

    await eventually(async () => (await findJob(env.db, jobs[0]!.id))?.status === 'completed', 60_000, 10);
    const before = await statuses();
    await redis.crash();
    // submitted while Redis is down: the row is written, the enqueue waits for Redis to come back
    const late = enqueuer.enqueue('ingest-dump', { leak: jobs[4]!.leak, source: jobs[4]!.source }, { jobId: jobs[4]!.id });
    await new Promise((r) => setTimeout(r, downMs));
    await redis.start();
    const back = Date.now();
    await late;
    const queuedMs = Date.now() - back;
    await eventually(async () => (await statuses()).every((s) => s === 'completed' || s === 'failed'), 180_000, 20);
    const finishedMs = Date.now() - back;
    await drainQueues(redis.url, prefix);
    const after = await statuses();
    const workerAlive = worker.child.exitCode === null && worker.child.signalCode === null;

    const local = inProcessRuntime(reference.db);
    for (const job of jobs) await local.enqueuer.enqueue('ingest-dump', { leak: job.leak, source: job.source }, { jobId: job.id });
    await local.enqueuer.idle();
    await local.close();
    const slugs = jobs.map((j) => j.leak);
    return { before, after, downMs, queuedMs, finishedMs, workerAlive, clean: await snapshotAll(reference.db, slugs), faulty: await snapshotAll(env.db, slugs), workerLog: worker.log() };
  } finally {
    await worker?.kill();
    // disconnected first: with Redis down, a close would wait for it forever
    connection.disconnect();
    await enqueuer.close().catch(() => undefined);
    await redis.stop();
    await env.cleanup();
    await reference.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}
