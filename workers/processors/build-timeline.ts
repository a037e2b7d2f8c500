import type { Enqueue, Processor } from '../../src/queue/enqueuer.ts';
import { timelineJobId } from '../../src/queue/job-ids.ts';
import type { Db } from '../../src/store/db.ts';
import { getLeakById } from '../../src/store/leaks.ts';
import { rebuildTimeline } from '../../src/store/timelines.ts';

/** build-timeline: recomputes a leak's stage-by-stage timeline from its sightings. */
export function createBuildTimelineProcessor(deps: { db: Db }): Processor<'build-timeline'> {
  return async ({ leakId }) => {
    const timeline = await rebuildTimeline(deps.db, await getLeakById(deps.db, leakId));
    return { leak: timeline.leak, stages: timeline.stages.map((s) => ({ stage: s.stage, sightings: s.sightings })), enteredMainstreamAt: timeline.enteredMainstreamAt };
  };
}

/** Queues a (debounced) timeline rebuild for each leak that received new sightings. */
export async function queueTimelines(enqueue: Enqueue, sightings: readonly { leakId: number; created: boolean }[]): Promise<void> {
  const leaks = new Set(sightings.filter((s) => s.created).map((s) => s.leakId));
  for (const leakId of leaks) await enqueue('build-timeline', { leakId }, { jobId: await timelineJobId(leakId) });
}
