import { STAGES, type Stage } from '../domain/stages/registry.ts';
import type { StageSummary, Timeline } from '../domain/timeline/types.ts';
import type { Db } from './db.ts';

/** Days of activity the overview draws per leak. */
export const ACTIVITY_DAYS = 30;

export type StageCounts = Record<Stage | 'unclassified', number>;

/** The part of a stored timeline the overview reads: no hourly series, no lists of sources. */
export type TimelineHead = Pick<Timeline, 'leak' | 'droppedAt' | 'transitions' | 'enteredMainstreamAt' | 'enteredMainstreamBy' | 'unclassified'> & {
  stages: (Pick<StageSummary, 'stage' | 'sightings' | 'firstSeenAt' | 'lastSeenAt' | 'firstSighting'> & { series: { daily: StageSummary['series']['daily'] } })[];
};

export interface OverviewLeak {
  id: number;
  slug: string;
  title: string | null;
  droppedAt: string | null;
  documents: number;
  counts: StageCounts;
  /** Earliest sighting time per stage. */
  firstAt: Record<Stage, string | null>;
  enteredMainstreamAt: string | null;
  lastActivityAt: string | null;
  /** Sightings per day for the ACTIVITY_DAYS days up to the last activity, oldest first. */
  activity: number[];
  /** Sightings in the last 24 hours and in the 24 hours before. */
  last24h: number;
  previous24h: number;
  timeline: TimelineHead | null;
}

const emptyCounts = (): StageCounts => ({ drop: 0, amplification: 0, mainstream: 0, unclassified: 0 });
const DAY_MS = 86_400_000;
const HEAVY_PARTS = ['hourly', 'earliest', 'mostReposted'].flatMap((part) => [0, 1, 2].map((i) => `'$.stages[${i}]${part === 'hourly' ? '.series.hourly' : `.${part}`}'`));

/**
 * Every leak with what the overview shows, read from the stored timelines
 * (kept current by the build-timeline job), so the cost grows with the
 * number of leaks and not of sightings: SQLite strips each timeline to its
 * head before it reaches JavaScript. Leaks whose timeline was never built are
 * counted from their sightings instead, and only leaks active in the last two
 * days have their hourly series read, to tell whether they are accelerating.
 */
export async function overviewLeaks(db: Db, now: Date): Promise<OverviewLeak[]> {
  const [leakRows, heads] = await db.$client.batch(
    [
      'SELECT l.id, l.slug, l.title, l.dropped_at, (SELECT count(*) FROM leak_files f WHERE f.leak_id = l.id) AS documents FROM leaks l',
      `SELECT leak_id, json_remove(json, ${HEAVY_PARTS.join(', ')}, '$.suspicious', '$.coordinated', '$.coordinatedSpans') AS head FROM timelines`,
    ],
    'read',
  );
  const headOf = new Map(heads!.rows.map((r) => [Number(r.leak_id), JSON.parse(String(r.head)) as TimelineHead]));
  const leaks = leakRows!.rows.map((r): OverviewLeak => {
    const id = Number(r.id);
    const leak: OverviewLeak = {
      id,
      slug: String(r.slug),
      title: (r.title as string | null) ?? null,
      droppedAt: (r.dropped_at as string | null) ?? null,
      documents: Number(r.documents),
      counts: emptyCounts(),
      firstAt: { drop: null, amplification: null, mainstream: null },
      enteredMainstreamAt: null,
      lastActivityAt: null,
      activity: [],
      last24h: 0,
      previous24h: 0,
      timeline: headOf.get(id) ?? null,
    };
    const t = leak.timeline;
    if (t) {
      const days = new Map<string, number>();
      for (const s of t.stages) {
        leak.counts[s.stage] = s.sightings;
        leak.firstAt[s.stage] = s.firstSeenAt;
        if (s.lastSeenAt && (!leak.lastActivityAt || s.lastSeenAt > leak.lastActivityAt)) leak.lastActivityAt = s.lastSeenAt;
        for (const d of s.series.daily) days.set(d.at.slice(0, 10), (days.get(d.at.slice(0, 10)) ?? 0) + d.sightings);
      }
      leak.counts.unclassified = t.unclassified;
      leak.enteredMainstreamAt = t.enteredMainstreamAt;
      leak.activity = activityDays(days, leak.lastActivityAt);
    }
    return leak;
  });
  await countWithoutTimeline(db, leaks.filter((l) => !l.timeline), now);
  await countLastTwoDays(db, leaks.filter((l) => l.lastActivityAt && Date.parse(l.lastActivityAt) >= now.getTime() - 2 * DAY_MS), now);
  return leaks;
}

/** Daily counts for the ACTIVITY_DAYS days ending on the day of `last`. */
function activityDays(days: Map<string, number>, last: string | null): number[] {
  if (!last) return [];
  const end = Date.parse(`${last.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(end)) return [];
  const out: number[] = [];
  for (let i = ACTIVITY_DAYS - 1; i >= 0; i--) out.push(days.get(new Date(end - i * DAY_MS).toISOString().slice(0, 10)) ?? 0);
  return out;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Leaks whose timeline the job has not built yet: counted from their sightings (claimed time, else observed). */
async function countWithoutTimeline(db: Db, leaks: OverviewLeak[], now: Date): Promise<void> {
  if (leaks.length === 0) return;
  const byId = new Map(leaks.map((l) => [l.id, { leak: l, days: new Map<string, number>() }]));
  const h24 = new Date(now.getTime() - DAY_MS).toISOString();
  const h48 = new Date(now.getTime() - 2 * DAY_MS).toISOString();
  const { rows } = await db.$client.execute({
    sql: `SELECT si.leak_id AS leak, s.stage AS stage, (s.stage = 'mainstream' AND s.tier = 1) AS top, substr(coalesce(s.published_at, s.observed_at), 1, 10) AS day,
                 count(*) AS n, min(coalesce(s.published_at, s.observed_at)) AS first, max(coalesce(s.published_at, s.observed_at)) AS last,
                 sum(coalesce(s.published_at, s.observed_at) >= ?) AS recent, sum(coalesce(s.published_at, s.observed_at) >= ? AND coalesce(s.published_at, s.observed_at) < ?) AS before
          FROM sightings si JOIN sources s ON s.id = si.source_id WHERE si.leak_id IN (${placeholders(byId.size)}) GROUP BY leak, s.stage, top, day`,
    args: [h24, h48, h24, ...byId.keys()],
  });
  for (const r of rows) {
    const entry = byId.get(Number(r.leak))!;
    const { leak } = entry;
    const stage = (STAGES as readonly string[]).includes(String(r.stage)) ? (String(r.stage) as Stage) : null;
    leak.counts[stage ?? 'unclassified'] += Number(r.n);
    if (stage && (leak.firstAt[stage] === null || String(r.first) < leak.firstAt[stage]!)) leak.firstAt[stage] = String(r.first);
    if (Number(r.top) && (leak.enteredMainstreamAt === null || String(r.first) < leak.enteredMainstreamAt)) leak.enteredMainstreamAt = String(r.first);
    if (!leak.lastActivityAt || String(r.last) > leak.lastActivityAt) leak.lastActivityAt = String(r.last);
    entry.days.set(String(r.day), (entry.days.get(String(r.day)) ?? 0) + Number(r.n));
    leak.last24h += Number(r.recent);
    leak.previous24h += Number(r.before);
  }
  for (const { leak, days } of byId.values()) leak.activity = activityDays(days, leak.lastActivityAt);
}

/** Sightings in the last 24 hours and the 24 before, from the hourly series of the leaks active lately. */
async function countLastTwoDays(db: Db, leaks: OverviewLeak[], now: Date): Promise<void> {
  const withTimeline = leaks.filter((l) => l.timeline);
  if (withTimeline.length === 0) return;
  const byId = new Map(withTimeline.map((l) => [l.id, l]));
  const { rows } = await db.$client.execute({
    sql: `SELECT leak_id, json_extract(json, '$.stages[0].series.hourly', '$.stages[1].series.hourly', '$.stages[2].series.hourly') AS hourly FROM timelines WHERE leak_id IN (${placeholders(byId.size)})`,
    args: [...byId.keys()],
  });
  const h24 = now.getTime() - DAY_MS;
  const h48 = now.getTime() - 2 * DAY_MS;
  for (const r of rows) {
    const leak = byId.get(Number(r.leak_id))!;
    for (const series of JSON.parse(String(r.hourly)) as ({ at: string; sightings: number }[] | null)[]) {
      for (const b of series ?? []) {
        // an hourly bucket counts for the window its start falls in
        const at = Date.parse(b.at);
        if (at >= h24) leak.last24h += b.sightings;
        else if (at >= h48) leak.previous24h += b.sightings;
      }
    }
  }
}

/** A leak's sightings per stage, for the stage filter of the leak page: ranges of the (leak_id, stage, …) index. */
export async function sightingsPerStage(db: Db, leakId: number): Promise<StageCounts> {
  const { rows } = await db.$client.execute({ sql: 'SELECT stage, count(*) AS n FROM sightings WHERE leak_id = ? GROUP BY stage', args: [leakId] });
  const counts = emptyCounts();
  for (const r of rows) counts[(String(r.stage) in counts ? String(r.stage) : 'unclassified') as keyof StageCounts] += Number(r.n);
  return counts;
}
