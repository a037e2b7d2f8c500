import { createClient } from '@libsql/client';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBullmqEnqueuer } from '../../src/queue/bullmq.ts';
import { ingestJobId } from '../../src/queue/job-ids.ts';
import { BUSY_TIMEOUT_MS } from '../../src/store/db.ts';
import { findJob, type JobView } from '../../src/store/jobs.ts';
import { writeFaultDump } from './fault-data.ts';
import { drainQueues, snapshotAll } from './fault-run.ts';
import { spawnWorker } from './processes.ts';
import { REDIS_URL, testPrefix } from './redis.ts';
import { inProcessRuntime } from './runtime.ts';
import { eventually, tempDb } from './temp.ts';

export interface LockHold {
  holdMs: number;
  /**
   * `running`: the lock is taken once the job has started writing (some of
   * its waits land on progress writes, which give up quietly). `queued`: taken
   * before a worker picks the job up, so the job's first write waits on it.
   */
  from: 'running' | 'queued';
}

export interface LockedIngest extends LockHold {
  job: JobView;
  /** The job's failed attempts, as the worker logged them. */
  failures: string[];
  /** From submitting the job until it finished. */
  seconds: number;
  /** Documents of the leak that were not read as `ok` (all are readable, so any is a loss). */
  notOk: number;
  clean: Awaited<ReturnType<typeof snapshotAll>>['leaks'];
  faulty: Awaited<ReturnType<typeof snapshotAll>>['leaks'];
}

/**
 * Ingests zipped dumps through one `leakline worker` while this process holds
 * the database's write lock (BEGIN IMMEDIATE, as another process or an
 * operator's sqlite3 shell would) as each of `holds` says. Each is compared
 * with a clean in-process ingest.
 */
export async function runLockScenario({ seed, holds, files = 600 }: { seed: number; holds: LockHold[]; files?: number }): Promise<{ runs: LockedIngest[]; workerLog: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'leakline-lock-'));
  const env = await tempDb();
  const reference = await tempDb();
  const keys = testPrefix();
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const enqueuer = createBullmqEnqueuer({ db: env.db, connection, prefix: keys.prefix });
  const ingests = new Queue('ingest-dump', { connection, prefix: keys.prefix });
  const locker = createClient({ url: env.url, timeout: BUSY_TIMEOUT_MS });
  const worker = spawnWorker({ DATABASE_URL: env.url, REDIS_URL, LEAKLINE_QUEUE_PREFIX: keys.prefix });
  try {
    await worker.ready();
    const runs: LockedIngest[] = [];
    for (const [n, { holdMs, from }] of holds.entries()) {
      const leak = `locked-${n + 1}`;
      const dump = await writeFaultDump(join(dir, leak), { seed: seed + n, files, zipped: true });
      const id = await ingestJobId(leak, 'generated');
      const started = Date.now();
      if (from === 'queued') await ingests.pause();
      await enqueuer.enqueue('ingest-dump', { leak, source: dump.dir }, { jobId: id });
      if (from === 'running') await eventually(async () => (await findJob(env.db, id))?.status === 'running', 30_000, 10);
      // nothing in this process writes while it holds the lock: a write here would wait on itself
      const lock = await locker.transaction('write');
      if (from === 'queued') await ingests.resume();
      await new Promise((r) => setTimeout(r, holdMs));
      await lock.rollback();
      const job = await eventually(async () => {
        const j = await findJob(env.db, id);
        return j?.status === 'completed' || j?.status === 'failed' ? j : null;
      }, 120_000);
      const seconds = (Date.now() - started) / 1000;
      await drainQueues(REDIS_URL, keys.prefix);
      const notOk = await env.db.$client.execute({
        sql: "SELECT COUNT(*) AS n FROM leak_files f JOIN documents d ON d.id = f.document_id JOIN leaks l ON l.id = f.leak_id WHERE l.slug = ? AND d.status != 'ok'",
        args: [leak],
      });
      const local = inProcessRuntime(reference.db);
      await local.enqueuer.enqueue('ingest-dump', { leak, source: dump.dir }, { jobId: id });
      await local.enqueuer.idle();
      await local.close();
      const failures = worker.log().split('\n').filter((line) => line.startsWith(`job ${id} `) && line.includes(' failed: '));
      runs.push({ holdMs, from, job, failures, seconds, notOk: Number(notOk.rows[0]!.n), clean: (await snapshotAll(reference.db, [leak])).leaks, faulty: (await snapshotAll(env.db, [leak])).leaks });
    }
    return { runs, workerLog: worker.log() };
  } finally {
    await worker.kill();
    locker.close();
    await ingests.close();
    await enqueuer.close();
    connection.disconnect();
    await keys.cleanup();
    await env.cleanup();
    await reference.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}
