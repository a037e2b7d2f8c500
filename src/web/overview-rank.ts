import { STAGES, type Stage } from '../domain/stages/registry.ts';
import type { StageCounts } from '../store/overview.ts';

export interface Rankable {
  slug: string;
  counts: StageCounts;
  enteredMainstreamAt: string | null;
  lastActivityAt: string | null;
  last24h: number;
  previous24h: number;
}

/** The furthest stage a leak has reached, or null before any staged sighting. */
export function currentStage(counts: StageCounts): Stage | null {
  for (let i = STAGES.length - 1; i >= 0; i--) if (counts[STAGES[i]!] > 0) return STAGES[i]!;
  return null;
}

/**
 * Still short of the mainstream and picking up pace: at least 3 sightings in
 * the last day and half as many again as the day before. A steady trickle is
 * not news; a leak that doubles overnight on its way to the newsrooms is.
 */
export function isAccelerating(leak: Rankable): boolean {
  return leak.enteredMainstreamAt === null && leak.last24h >= 3 && leak.last24h >= 1.5 * leak.previous24h;
}

/**
 * The order of the overview: leaks that most recently entered the mainstream
 * or are accelerating toward it first (an accelerating leak counts from its
 * latest sighting), then every other leak by its last activity.
 *
 * @example
 * rankLeaks(leaks).map((l) => l.slug); // ['entered-an-hour-ago', 'accelerating', 'entered-last-week', 'quiet']
 */
export function rankLeaks<T extends Rankable>(leaks: readonly T[]): T[] {
  const key = (l: T) => l.enteredMainstreamAt ?? (isAccelerating(l) ? l.lastActivityAt : null);
  const desc = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? 1 : -1);
  return [...leaks].sort((a, b) => desc(key(a), key(b)) || desc(a.lastActivityAt, b.lastActivityAt) || a.slug.localeCompare(b.slug));
}
