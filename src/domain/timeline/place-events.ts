import type { PlacedEvent, TimelineEvent } from './types.ts';

export interface TimeTrust {
  /** A claimed time further than this from the first observation is not trusted (backdating, wrong clocks). */
  maxClaimSkewSeconds: number;
  /** Claims before the leak's first drop by more than this are not trusted (a copy cannot predate its source). */
  dropToleranceSeconds: number;
}

/**
 * Defaults: a page is usually observed within days of publication when it is
 * found through feeds while a leak is followed; the skew allowed is 30 days. A claim an hour before the registered drop is allowed for clock
 * and time-zone slop.
 */
/** A time as `toISOString` writes it (what the stores keep): placed as it is. */
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export const DEFAULT_TIME_TRUST: TimeTrust = { maxClaimSkewSeconds: 30 * 86_400, dropToleranceSeconds: 3_600 };

/**
 * Puts each event at a time and says which: the claimed time when it is
 * plausible, else the observed one, with the reason the claim was set aside.
 * A claim is never silently trusted or silently dropped.
 *
 * @example
 * placeEvents(events, '2017-05-05T18:35:00Z')[0]; // { at: '…', basis: 'claimed', suspicious: null, … }
 */
export function placeEvents(events: readonly TimelineEvent[], droppedAt: string | null, trust: TimeTrust = DEFAULT_TIME_TRUST): PlacedEvent[] {
  const drop = droppedAt ? Date.parse(droppedAt) : null;
  return events.map((e) => {
    const observed = Date.parse(e.observedAt);
    if (!e.publishedAt) return { ...e, at: e.observedAt, basis: 'observed', suspicious: null };
    const claimed = Date.parse(e.publishedAt);
    if (Number.isNaN(claimed)) return { ...e, at: e.observedAt, basis: 'observed', suspicious: 'the claimed time is not a date' };
    if (drop !== null && claimed < drop - trust.dropToleranceSeconds * 1000) {
      return { ...e, at: e.observedAt, basis: 'observed', suspicious: `claims ${e.publishedAt}, before the leak's first drop (${new Date(drop).toISOString()})` };
    }
    if (claimed > observed + 300_000) {
      return { ...e, at: e.observedAt, basis: 'observed', suspicious: `claims ${e.publishedAt}, after Leakline first saw it (${e.observedAt})` };
    }
    // far from its observation: suspicious only while the leak was being followed live (an archive
    // imported years later is observed late by nature, and that says nothing about its claims)
    const followedLive = drop !== null && observed - drop <= trust.maxClaimSkewSeconds * 1000;
    if (followedLive && observed - claimed > trust.maxClaimSkewSeconds * 1000) {
      return { ...e, at: e.publishedAt, basis: 'claimed', suspicious: `claims ${e.publishedAt}, ${Math.round((observed - claimed) / 86_400_000)} days before it was first observed` };
    }
    return { ...e, at: CANONICAL.test(e.publishedAt) ? e.publishedAt : new Date(claimed).toISOString(), basis: 'claimed', suspicious: null };
  });
}
