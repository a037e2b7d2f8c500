import { isDomainError } from '../domain/errors.ts';
import { sha256Hex } from '../domain/sha256.ts';
import type { Db } from '../store/db.ts';
import { createJob, findJob, requeueJob } from '../store/jobs.ts';
import type { Enqueuer, Processors } from './enqueuer.ts';
import { runJob } from './run-job.ts';

const ATTEMPTS = 3;
/** A running job writes progress at least this often; older means its process died. */
const STALE_MS = 60_000;

export interface InProcessEnqueuer extends Enqueuer {
  /** Resolves when every job queued so far has finished. */
  idle(): Promise<void>;
}

/**
 * The embedded default: jobs run in this process, one at a time, in the
 * order they were queued. A retryable failure is tried again with backoff.
 */
export function createInProcessEnqueuer(deps: { db: Db; processors: Processors; onProgress?: (jobId: string, value: unknown) => void }): InProcessEnqueuer {
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  const timers = new Map<string, ReturnType<typeof setInterval>>();

  const execute = async (id: string, name: string, data: unknown) => {
    for (let attempt = 1; attempt <= ATTEMPTS && !closed; attempt++) {
      try {
        await runJob(deps.db, deps.processors, {
          id,
          name,
          data,
          lastAttempt: attempt === ATTEMPTS,
          onProgress: (value) => deps.onProgress?.(id, value),
        });
        return;
      } catch (error) {
        if (isDomainError(error) && !error.retryable) return;
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  };

  const self: InProcessEnqueuer = {
    mode: 'in-process',
    async enqueue(name, payload, { jobId, force, debounce }) {
      const created = await createJob(deps.db, { id: jobId, name, payload });
      if (!created) {
        const existing = await findJob(deps.db, jobId);
        // queued or running with no sign of life: the process that had it is gone
        const stale = existing && (existing.status === 'queued' || existing.status === 'running') && Date.now() - Date.parse(existing.updatedAt) > STALE_MS;
        const rerun = force || existing?.status === 'failed' || stale || (debounce && existing?.status !== 'queued');
        if (!rerun) return { id: jobId, created: false };
        await requeueJob(deps.db, jobId);
      }
      chain = chain.then(() => execute(jobId, name, payload));
      return { id: jobId, created };
    },
    async idle() {
      // jobs may queue follow-ups while running: wait until the chain stops growing
      for (let seen = chain; ; seen = chain) {
        await seen;
        if (seen === chain) return;
      }
    },
    async schedule(scheduleId, name, payload, everyMs) {
      await self.unschedule(scheduleId);
      // one job id per period, so a restart within the period does not poll twice
      const tick = async () => {
        const slot = Math.floor(Date.now() / everyMs);
        await self.enqueue(name, payload, { jobId: `poll-${(await sha256Hex(`${scheduleId}\0${slot}`)).slice(0, 40)}` }).catch(() => undefined);
      };
      timers.set(scheduleId, setInterval(tick, everyMs));
      await tick();
    },
    async unschedule(scheduleId) {
      clearInterval(timers.get(scheduleId));
      timers.delete(scheduleId);
    },
    async close() {
      closed = true;
      for (const timer of timers.values()) clearInterval(timer);
      timers.clear();
      await chain;
    },
  };
  return self;
}
