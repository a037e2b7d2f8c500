import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../store/db.ts';
import { createJob, findJob, requeueJob } from '../store/jobs.ts';
import type { Enqueuer } from './enqueuer.ts';
import { jobNames, type JobName } from './jobs.ts';

export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/**
 * Jobs go to Redis, one BullMQ queue per job name, and `leakline worker`
 * processes run them. The job row in the database is written here too, so
 * job status reads the same whichever queue runs it.
 */
export function createBullmqEnqueuer(deps: { db: Db; connection: Redis; prefix: string; onError?: (error: Error) => void }): Enqueuer {
  const queues = new Map<JobName, Queue>();
  for (const name of jobNames) {
    const queue = new Queue(name, { connection: deps.connection, prefix: deps.prefix });
    // connection errors (Redis down: commands wait and resume); unheard, BullMQ prints each with its stack
    if (deps.onError) queue.on('error', deps.onError);
    queues.set(name, queue);
  }
  return {
    mode: 'bullmq',
    async enqueue(name, payload, { jobId, force, debounce }) {
      const queue = queues.get(name)!;
      const created = await createJob(deps.db, { id: jobId, name, payload });
      const inQueue = await queue.getJob(jobId);
      if (!created && !force) {
        const row = await findJob(deps.db, jobId);
        const live = inQueue && !['failed', 'completed', 'unknown'].includes(await inQueue.getState());
        const waiting = inQueue && ['waiting', 'delayed', 'prioritized', 'waiting-children'].includes(await inQueue.getState());
        if (debounce ? waiting : row?.status === 'completed' || live) return { id: jobId, created: false };
      }
      // BullMQ ignores an id it still holds: clear a finished or failed one before running it again
      if (inQueue) await inQueue.remove().catch(() => undefined);
      if (!created) await requeueJob(deps.db, jobId);
      await queue.add(name, payload, { ...DEFAULT_JOB_OPTIONS, jobId });
      return { id: jobId, created: true };
    },
    async schedule(scheduleId, name, payload, everyMs) {
      await queues.get(name)!.upsertJobScheduler(scheduleId, { every: everyMs }, { name, data: payload, opts: { attempts: DEFAULT_JOB_OPTIONS.attempts, backoff: DEFAULT_JOB_OPTIONS.backoff, removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete, removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail } });
    },
    async unschedule(scheduleId) {
      for (const queue of queues.values()) await queue.removeJobScheduler(scheduleId);
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
