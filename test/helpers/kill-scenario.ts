import { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBullmqEnqueuer } from '../../src/queue/bullmq.ts';
import { importJobId, ingestJobId } from '../../src/queue/job-ids.ts';
import { findJob } from '../../src/store/jobs.ts';
import { writeFaultDump, writeFaultPosts } from './fault-data.ts';
import { seededRandom } from './seeded-random.ts';
import { drainQueues, snapshotAll, WorkerKiller, type Kill } from './fault-run.ts';
import { REDIS_URL, testPrefix } from './redis.ts';
import { inProcessRuntime } from './runtime.ts';
import { tempDb } from './temp.ts';

export interface KillScenario {
  seed: number;
  /** Files in the generated dump (mails and archives hold more documents). */
  files: number;
  posts: number;
  /** SIGKILLs while the ingest runs and while the import runs; BullMQ fails a job whose worker died more than maxStalledCount (2) times. */
  kills: { ingest: number; import: number };
  log?: (line: string) => void;
}

export interface KillScenarioOutcome {
  kills: Kill[];
  clean: Awaited<ReturnType<typeof snapshotAll>>;
  faulty: Awaited<ReturnType<typeof snapshotAll>>;
  cleanSeconds: { ingest: number; import: number };
  faultySeconds: number;
  /** stderr of every worker process, killed ones first. */
  workerLogs: string[];
}

const LEAK = 'fault';
const DROP_URL = 'https://paste.example/raw/fault';

/**
 * Ingests a generated dump, then imports posts quoting it, twice: once in
 * this process, and once through `leakline worker` processes that are
 * SIGKILLed at random (seeded) moments of each job and replaced. Returns both
 * databases' contents for comparison; cleans up everything it made.
 */
export async function runKillScenario(s: KillScenario): Promise<KillScenarioOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'leakline-faults-'));
  const reference = await tempDb();
  const env = await tempDb();
  const keys = testPrefix();
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const enqueuer = createBullmqEnqueuer({ db: env.db, connection, prefix: keys.prefix });
  const local = inProcessRuntime(reference.db);
  let killer: WorkerKiller | null = null;
  try {
    const dump = await writeFaultDump(join(dir, 'dump'), { seed: s.seed, files: s.files });
    const postsFile = join(dir, 'posts.jsonl');
    await writeFaultPosts(postsFile, dump.texts, { seed: s.seed, posts: s.posts, dropUrl: DROP_URL });
    const ingest = { leak: LEAK, source: dump.dir, dropUrl: DROP_URL, droppedAt: '2024-10-20T18:35:00Z' };
    const posts = { source: postsFile, format: 'twitter-v2' as const };
    const ingestId = await ingestJobId(LEAK, `generated-${s.seed}`);
    const importId = await importJobId('twitter-v2', `generated-${s.seed}`);

    let started = Date.now();
    await local.enqueuer.enqueue('ingest-dump', ingest, { jobId: ingestId });
    await local.enqueuer.idle();
    const ingestMs = Date.now() - started;
    started = Date.now();
    await local.enqueuer.enqueue('import-posts', posts, { jobId: importId });
    await local.enqueuer.idle();
    const importMs = Date.now() - started;
    s.log?.(`clean run: ingest ${ingestMs} ms, import ${importMs} ms`);

    const random = seededRandom(s.seed);
    started = Date.now();
    killer = new WorkerKiller({ db: env.db, env: { DATABASE_URL: env.url, REDIS_URL, LEAKLINE_QUEUE_PREFIX: keys.prefix }, random, log: s.log });
    // the posts are imported once the dump is in, as a newsroom would: matching needs the documents
    await enqueuer.enqueue('ingest-dump', ingest, { jobId: ingestId });
    await killer.runJob(ingestId, { kills: s.kills.ingest, windowMs: ingestMs * 0.5 });
    if ((await findJob(env.db, ingestId))?.status === 'completed') {
      await enqueuer.enqueue('import-posts', posts, { jobId: importId });
      await killer.runJob(importId, { kills: s.kills.import, windowMs: importMs * 0.5 });
    }
    // the timeline rebuild the import queued
    await drainQueues(REDIS_URL, keys.prefix);
    const faultySeconds = (Date.now() - started) / 1000;
    await killer.close();
    return {
      kills: killer.kills,
      clean: await snapshotAll(reference.db, [LEAK]),
      faulty: await snapshotAll(env.db, [LEAK]),
      cleanSeconds: { ingest: ingestMs / 1000, import: importMs / 1000 },
      faultySeconds,
      workerLogs: killer.logs,
    };
  } finally {
    await killer?.close();
    await enqueuer.close();
    connection.disconnect();
    await local.close();
    await keys.cleanup();
    await env.cleanup();
    await reference.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}
