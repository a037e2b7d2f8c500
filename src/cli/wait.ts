import type { NodeRuntime } from '../entry/node.ts';
import { findJob, type JobView } from '../store/jobs.ts';

/**
 * Waits for jobs to finish by reading their rows (written by this process or
 * by workers elsewhere). `follow` may name further jobs a finished one started
 * (links it queued), which are then waited for too.
 */
export async function waitForJobs(
  runtime: NodeRuntime,
  ids: readonly string[],
  options: { onProgress?: (job: JobView) => void; follow?: (job: JobView) => Promise<string[]> } = {},
): Promise<JobView[]> {
  const pending = new Set(ids);
  const done = new Map<string, JobView>();
  const started = Date.now();
  let hinted = false;
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const job = await findJob(runtime.db, id);
      if (job && (job.status === 'completed' || job.status === 'failed')) {
        pending.delete(id);
        done.set(id, job);
        for (const next of (await options.follow?.(job)) ?? []) if (!done.has(next)) pending.add(next);
      } else if (job) {
        options.onProgress?.(job);
        if (!hinted && !runtime.inProcess && job.status === 'queued' && Date.now() - started > 5000) {
          console.error('leakline: jobs are queued in Redis and no worker has taken them yet; start one with `leakline worker`.');
          hinted = true;
        }
      }
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, runtime.inProcess ? 100 : 300));
  }
  return ids.map((id) => done.get(id)!).concat([...done.values()].filter((j) => !ids.includes(j.id)));
}
