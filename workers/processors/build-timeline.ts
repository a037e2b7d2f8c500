import type { Enqueue, Processor } from '../../src/queue/enqueuer.ts';
import { timelineJobId } from '../../src/queue/job-ids.ts';
import type { Db } from '../../src/store/db.ts';
import { getLeakById } from '../../src/store/leaks.ts';
import { rebuildTimeline, storedTimeline } from '../../src/store/timelines.ts';
import { appendEvent, listWebhooks, wants } from '../../src/store/events.ts';
import { timelineChanges } from '../../src/domain/timeline/transitions.ts';

/** build-timeline: recomputes a leak's stage-by-stage timeline from its sightings. */
export function createBuildTimelineProcessor(deps: { db: Db; enqueue: Enqueue }): Processor<'build-timeline'> {
  return async ({ leakId }) => {
    const leak = await getLeakById(deps.db, leakId);
    const before = await storedTimeline(deps.db, leakId);
    const timeline = await rebuildTimeline(deps.db, leak);
    // stages entered since the last build: told to the live dashboard and to every webhook that asked
    const hooks = await listWebhooks(deps.db);
    for (const change of timelineChanges(before, timeline)) {
      const eventId = await appendEvent(deps.db, { leakId, type: change.type, payload: change.payload });
      for (const hook of hooks.filter((h) => wants(h, change.type))) {
        await deps.enqueue('deliver-webhook', { webhookId: hook.id, eventId }, { jobId: `webhook-${String(eventId).padStart(8, '0')}${String(hook.id).padStart(8, '0')}` });
      }
    }
    // every rebuild follows new sightings: the live dashboard refreshes its counts from this
    const stages = Object.fromEntries(timeline.stages.map((s) => [s.stage, s.sightings]));
    await appendEvent(deps.db, { leakId, type: 'sightings.updated', payload: { leak: timeline.leak, stages, message: `New sightings of ${timeline.leak}.` } });
    return { leak: timeline.leak, stages: timeline.stages.map((s) => ({ stage: s.stage, sightings: s.sightings })), enteredMainstreamAt: timeline.enteredMainstreamAt };
  };
}

/**
 * Queues a (debounced) timeline rebuild for each leak a job found sightings
 * of, new or not: a job whose worker died after recording its sightings but
 * before this call runs again, finds them all recorded, and must still queue
 * the rebuild. A rebuild that changes nothing emits no events.
 */
export async function queueTimelines(enqueue: Enqueue, sightings: readonly { leakId: number }[]): Promise<void> {
  const leaks = new Set(sightings.map((s) => s.leakId));
  for (const leakId of leaks) await enqueue('build-timeline', { leakId }, { jobId: await timelineJobId(leakId), debounce: true });
}
