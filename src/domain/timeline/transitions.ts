import { formatLag } from './build-timeline.ts';
import type { Timeline } from './types.ts';

export interface TimelineEventOut {
  type: 'stage.entered' | 'leak.entered_mainstream';
  payload: Record<string, unknown>;
}

/**
 * What changed between two versions of a leak's timeline that a newsroom
 * wants to hear about: a stage seen for the first time, and the leak's entry
 * into the mainstream (its first tier-1 outlet).
 *
 * @example
 * timelineChanges(before, after); // [{ type: 'stage.entered', payload: { stage: 'mainstream', … } }]
 */
export function timelineChanges(before: Timeline | null, after: Timeline): TimelineEventOut[] {
  const out: TimelineEventOut[] = [];
  for (const stage of after.stages) {
    const was = before?.stages.find((s) => s.stage === stage.stage);
    if (!stage.firstSighting || was?.firstSighting) continue;
    const transition = after.transitions.find((t) => t.to === stage.stage);
    const message = transition
      ? `Leak ${after.leak} reached ${stage.stage}: first at ${stage.firstSighting.domain ?? stage.firstSighting.url}, ${formatLag(transition.lagSeconds)} after the first ${transition.from} sighting.`
      : `Leak ${after.leak} seen at the ${stage.stage} stage: ${stage.firstSighting.url}.`;
    out.push({ type: 'stage.entered', payload: { leak: after.leak, stage: stage.stage, firstSighting: stage.firstSighting, lagSeconds: transition?.lagSeconds ?? null, from: transition?.from ?? null, message } });
  }
  if (after.enteredMainstreamAt && !before?.enteredMainstreamAt) {
    const drop = after.stages[0]?.firstSeenAt ?? after.droppedAt;
    const lag = drop ? Math.round((Date.parse(after.enteredMainstreamAt) - Date.parse(drop)) / 1000) : null;
    const by = after.enteredMainstreamBy!;
    out.push({
      type: 'leak.entered_mainstream',
      payload: {
        leak: after.leak,
        at: after.enteredMainstreamAt,
        by,
        lagSecondsFromDrop: lag,
        message: `Leak ${after.leak} entered the mainstream: first article at ${by.domain ?? by.url}${lag !== null ? `, ${formatLag(lag)} after the drop` : ''}.`,
      },
    });
  }
  return out;
}
