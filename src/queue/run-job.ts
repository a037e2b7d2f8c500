import { describeError, isDomainError } from '../domain/errors.ts';
import type { Db } from '../store/db.ts';
import { createJob, finishJob, markJobRunning, setJobProgress } from '../store/jobs.ts';
import type { Processors } from './enqueuer.ts';
import { isJobName, parsePayload } from './jobs.ts';

const PROGRESS_WRITE_MS = 500;

/**
 * Runs one job through its processor and keeps its row in `jobs` current,
 * whichever queue delivered it. Throws what the processor threw, so the
 * queue can decide on a retry; `lastAttempt` says whether one will follow.
 */
export async function runJob(db: Db, processors: Processors, job: { id: string; name: string; data: unknown; lastAttempt: boolean; onProgress?: (value: unknown) => void }): Promise<unknown> {
  if (!isJobName(job.name)) throw new Error(`No processor for job "${job.name}"`);
  // scheduled jobs are created by the queue itself: give them a row too
  await createJob(db, { id: job.id, name: job.name, payload: job.data });
  await markJobRunning(db, job.id);
  let lastWrite = 0;
  let pending: Promise<void> = Promise.resolve();
  const progress = (value: unknown) => {
    job.onProgress?.(value);
    const now = Date.now();
    if (now - lastWrite < PROGRESS_WRITE_MS) return;
    lastWrite = now;
    pending = pending.then(() => setJobProgress(db, job.id, value)).catch(() => undefined);
  };
  try {
    const payload = parsePayload(job.name, job.data);
    const processor = processors[job.name] as (p: typeof payload, c: { jobId: string; progress: typeof progress }) => Promise<unknown>;
    const result = await processor(payload, { jobId: job.id, progress });
    await pending;
    await finishJob(db, job.id, { result });
    return result;
  } catch (error) {
    await pending;
    const final = job.lastAttempt || (isDomainError(error) && !error.retryable);
    await finishJob(db, job.id, { error: describeError(error), final });
    throw error;
  }
}
