import type { CoordinationGroup } from '../coordination/index.ts';
import type { Timeline } from './types.ts';
import { byCodeUnits } from '../order.ts';

/** Bursts a timeline lists in full: the largest; the rest are counted and kept in its spans. */
export const LISTED_BURSTS = 50;

/** Bursts closer than this are one span on the timeline (the finest step its chart draws). */
const SPAN_GAP_MS = 3600_000;

/**
 * The coordinated bursts as a timeline marks them: the `LISTED_BURSTS`
 * largest (most accounts, then most posts, then earliest), in time order;
 * how many there are in all; and every burst merged into spans of time.
 * A busy leak has thousands of bursts (3,630 in the API benchmark's 100,000
 * sightings, 1.2 MB of JSON): listed in full they made the timeline ten
 * times heavier than everything else in it, and `/api/leaks/{slug}/coordination`
 * has them all with their accounts.
 *
 * @example
 * const { coordinated, coordinatedTotal, coordinatedSpans } = summariseBursts(groups);
 */
export function summariseBursts(groups: readonly CoordinationGroup[], listed = LISTED_BURSTS): Pick<Timeline, 'coordinated' | 'coordinatedTotal' | 'coordinatedSpans'> {
  const largest = [...groups]
    .sort((a, b) => b.accounts.length - a.accounts.length || b.size - a.size || byCodeUnits(a.start, b.start) || byCodeUnits(a.id, b.id))
    .slice(0, listed)
    .sort((a, b) => byCodeUnits(a.start, b.start) || byCodeUnits(a.id, b.id));
  return {
    coordinated: largest.map((g) => ({ id: g.id, basis: g.basis, start: g.start, end: g.end, accounts: g.accounts.length, posts: g.size, example: g.example.text.slice(0, 280) })),
    coordinatedTotal: groups.length,
    coordinatedSpans: burstSpans(groups),
  };
}

function burstSpans(groups: readonly CoordinationGroup[]): Timeline['coordinatedSpans'] {
  const timed = groups
    .map((g) => ({ from: Date.parse(g.start), to: Date.parse(g.end), start: g.start, end: g.end }))
    .filter((g) => Number.isFinite(g.from) && Number.isFinite(g.to))
    .sort((a, b) => a.from - b.from);
  const spans: (Timeline['coordinatedSpans'][number] & { to: number })[] = [];
  for (const g of timed) {
    const last = spans.at(-1);
    if (last && g.from <= last.to + SPAN_GAP_MS) {
      last.bursts++;
      if (g.to > last.to) Object.assign(last, { to: g.to, end: g.end });
    } else spans.push({ start: g.start, end: g.end, bursts: 1, to: g.to });
  }
  return spans.map(({ start, end, bursts }) => ({ start, end, bursts }));
}
