import { and, eq, inArray, sql } from 'drizzle-orm';
import { jobs } from '../../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface JobView {
  id: string;
  name: string;
  status: JobStatus;
  payload: unknown;
  progress: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

const now = () => new Date().toISOString();
const parse = (v: string | null) => (v == null ? null : JSON.parse(v));

/** Records a job as queued; false when a job with this id exists already (a duplicate submission). */
export async function createJob(db: Db, job: { id: string; name: string; payload: unknown }): Promise<boolean> {
  const rows = await db
    .insert(jobs)
    .values({ id: job.id, name: job.name, status: 'queued', payload: JSON.stringify(job.payload) })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Puts a finished or failed job back in the queue (a forced re-run). */
export async function requeueJob(db: Db, id: string): Promise<void> {
  await db.update(jobs).set({ status: 'queued', error: null, result: null, progress: null, updatedAt: now() }).where(eq(jobs.id, id));
}

export async function markJobRunning(db: Db, id: string): Promise<void> {
  await db.update(jobs).set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, updatedAt: now() }).where(eq(jobs.id, id));
}

export async function setJobProgress(db: Db, id: string, progress: unknown): Promise<void> {
  await db.update(jobs).set({ progress: JSON.stringify(progress), updatedAt: now() }).where(eq(jobs.id, id));
}

export async function finishJob(db: Db, id: string, outcome: { result: unknown } | { error: string; final: boolean }): Promise<void> {
  if ('result' in outcome) {
    await db.update(jobs).set({ status: 'completed', result: JSON.stringify(outcome.result), error: null, updatedAt: now() }).where(eq(jobs.id, id));
  } else {
    // a failure that will be retried stays queued, with its last error shown
    await db.update(jobs).set({ status: outcome.final ? 'failed' : 'queued', error: outcome.error, updatedAt: now() }).where(eq(jobs.id, id));
  }
}

/**
 * Marks a job failed when its row still says queued or running: for a job the
 * queue gave up on without running it (its workers kept dying), where no
 * processor was there to record the outcome.
 */
export async function failUnfinishedJob(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'failed', error, updatedAt: now() })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])));
}

export async function findJob(db: Db, id: string): Promise<JobView | undefined> {
  const row = await db.select().from(jobs).where(eq(jobs.id, id)).get();
  if (!row) return undefined;
  return { ...row, status: row.status as JobStatus, payload: parse(row.payload), progress: parse(row.progress), result: parse(row.result) };
}

export async function getJob(db: Db, id: string): Promise<JobView> {
  const job = await findJob(db, id);
  if (!job) throw new DomainError('job_not_found', `No job "${id}". Job ids are returned when a dump is uploaded or ingested.`, { status: 404 });
  return job;
}
