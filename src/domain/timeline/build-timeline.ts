import { STAGES, type Stage } from '../stages/registry.ts';
import { DEFAULT_TIME_TRUST, placeEvents, type TimeTrust } from './place-events.ts';
import type { PlacedEvent, SightingRef, StageSummary, Timeline, TimelineEvent, Transition } from './types.ts';
import { byCodeUnits } from '../order.ts';

const TOP = 5;

const KIND_STRENGTH: Record<string, number> = { exact: 5, near: 4, altered: 3, excerpt: 2, link: 1 };

/**
 * A source that carries several of a leak's documents (a paste of the whole
 * dump) is one sighting of the leak on the timeline, with its strongest kind.
 */
function onePerSource(events: readonly TimelineEvent[]): TimelineEvent[] {
  const byUrl = new Map<string, TimelineEvent>();
  for (const e of events) {
    const seen = byUrl.get(e.url);
    if (!seen || (KIND_STRENGTH[e.kind] ?? 0) > (KIND_STRENGTH[seen.kind] ?? 0) || ((KIND_STRENGTH[e.kind] ?? 0) === (KIND_STRENGTH[seen.kind] ?? 0) && e.id < seen.id)) byUrl.set(e.url, e);
  }
  return [...byUrl.values()];
}

const ref = (e: PlacedEvent): SightingRef => ({ id: e.id, url: e.url, kind: e.kind, at: e.at, basis: e.basis, domain: e.domain, account: e.account });

/** Counts per hour and per day (UTC), oldest first, only buckets with sightings. */
function series(events: readonly PlacedEvent[]) {
  const bucket = (length: number) => {
    const counts = new Map<string, number>();
    for (const e of events) {
      const key = e.at.slice(0, length);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const pad = length === 13 ? ':00:00.000Z' : 'T00:00:00.000Z';
    return [...counts].sort(([a], [b]) => byCodeUnits(a, b)).map(([key, sightings]) => ({ at: `${key}${pad}`, sightings }));
  };
  return { hourly: bucket(13), daily: bucket(10) };
}

function summarise(stage: Stage, events: PlacedEvent[]): StageSummary {
  const sorted = [...events].sort((a, b) => byCodeUnits(a.at, b.at) || a.id - b.id);
  const first = sorted[0] ?? null;
  const last = sorted[sorted.length - 1] ?? null;
  // a source counted once even when it carries several of the leak's documents
  const byUrl = new Map<string, { event: PlacedEvent; count: number }>();
  const domains = new Set<string>();
  const accounts = new Set<string>();
  for (const e of sorted) {
    const seen = byUrl.get(e.url);
    if (seen) seen.count++;
    else byUrl.set(e.url, { event: e, count: 1 });
    if (e.domain) domains.add(e.domain);
    if (e.account) accounts.add(e.account);
  }
  const earliest: SightingRef[] = [];
  for (const v of byUrl.values()) {
    if (earliest.length === TOP) break;
    earliest.push(ref(v.event));
  }
  return {
    stage,
    firstSeenAt: first?.at ?? null,
    lastSeenAt: last?.at ?? null,
    sightings: sorted.length,
    firstSighting: first ? ref(first) : null,
    lastSighting: last ? ref(last) : null,
    domains: domains.size,
    accounts: accounts.size,
    earliest,
    mostReposted: mostReposted(byUrl.values()),
    series: series(sorted),
  };
}

/**
 * The `TOP` sources most reposted (by the platform's count, else by how many
 * sightings share the URL), the earlier first among equals; kept as they are
 * met (in time order), so a leak with 100,000 sources sorts none of them.
 */
function mostReposted(sources: Iterable<{ event: PlacedEvent; count: number }>): StageSummary['mostReposted'] {
  const top: { event: PlacedEvent; reposts: number }[] = [];
  for (const { event, count } of sources) {
    const reposts = event.reposts ?? count - 1;
    if (reposts <= 0 || (top.length === TOP && reposts <= top[TOP - 1]!.reposts)) continue;
    // after every kept source with at least as many reposts (those met earlier win ties)
    let at = top.length;
    while (at > 0 && top[at - 1]!.reposts < reposts) at--;
    top.splice(at, 0, { event, reposts });
    if (top.length > TOP) top.pop();
  }
  return top.map(({ event, reposts }) => ({ ...ref(event), reposts }));
}

/**
 * A leak's path stage by stage: first and last sighting, counts, distinct
 * domains and accounts, hourly and daily series, the lag of each transition
 * (first drop → first amplification → first mainstream article), and when
 * the leak entered the mainstream (its first tier-1 news sighting).
 *
 * @example
 * const t = buildTimeline('macron-2017', events, '2017-05-05T18:35:00Z', new Date());
 * t.transitions[0]; // { from: 'drop', to: 'amplification', lagSeconds: 1260, … }
 */
export function buildTimeline(leak: string, events: readonly TimelineEvent[], droppedAt: string | null, now: Date, trust: TimeTrust = DEFAULT_TIME_TRUST): Timeline {
  const placed = placeEvents(onePerSource(events), droppedAt, trust);
  const stages = STAGES.map((stage) => summarise(stage, placed.filter((e) => e.stage === stage)));
  const transitions: Transition[] = [];
  for (let i = 0; i + 1 < stages.length; i++) {
    const from = stages[i]!;
    const to = stages[i + 1]!;
    if (!from.firstSighting || !to.firstSighting) continue;
    transitions.push({
      from: from.stage,
      to: to.stage,
      lagSeconds: Math.round((Date.parse(to.firstSighting.at) - Date.parse(from.firstSighting.at)) / 1000),
      fromSighting: from.firstSighting,
      toSighting: to.firstSighting,
    });
  }
  const topTier = placed.filter((e) => e.stage === 'mainstream' && e.tier === 1).sort((a, b) => byCodeUnits(a.at, b.at))[0];
  return {
    leak,
    droppedAt,
    stages,
    transitions,
    enteredMainstreamAt: topTier?.at ?? null,
    enteredMainstreamBy: topTier ? ref(topTier) : null,
    suspicious: placed.filter((e) => e.suspicious).map((e) => ({ id: e.id, url: e.url, publishedAt: e.publishedAt, observedAt: e.observedAt, reason: e.suspicious! })),
    unclassified: placed.filter((e) => e.stage === 'unclassified').length,
    coordinated: [],
    coordinatedTotal: 0,
    coordinatedSpans: [],
    updatedAt: now.toISOString(),
  };
}

/**
 * A readable lag: "4 h 12 min", "3 d 2 h", "45 s".
 *
 * @example
 * formatLag(15120); // '4 h 12 min'
 */
export function formatLag(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  let s = Math.abs(seconds);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  if (d > 0) return `${sign}${d} d${h ? ` ${h} h` : ''}`;
  if (h > 0) return `${sign}${h} h${m ? ` ${m} min` : ''}`;
  if (m > 0) return `${sign}${m} min`;
  return `${sign}${s} s`;
}
