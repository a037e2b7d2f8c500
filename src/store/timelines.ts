import { eq, sql } from 'drizzle-orm';
import { posts, sightings, sources, timelines } from '../../db/schema.ts';
import { buildTimeline } from '../domain/timeline/build-timeline.ts';
import type { Timeline, TimelineEvent } from '../domain/timeline/types.ts';
import type { Stage } from '../domain/stages/registry.ts';
import { leakCoordination } from './coordination.ts';
import type { Db } from './db.ts';
import type { Leak } from './leaks.ts';

/** Every sighting of a leak as a timeline event (one query; a source's repost count from its post metrics). */
export async function timelineEvents(db: Db, leakId: number): Promise<TimelineEvent[]> {
  const rows = await db
    .select({
      id: sightings.id,
      url: sources.url,
      stage: sources.stage,
      tier: sources.tier,
      kind: sightings.kind,
      domain: sources.domain,
      account: sources.account,
      platform: sources.platform,
      publishedAt: sources.publishedAt,
      observedAt: sources.observedAt,
      metrics: posts.metrics,
    })
    .from(sightings)
    .innerJoin(sources, eq(sources.id, sightings.sourceId))
    .leftJoin(posts, eq(posts.sourceId, sources.id))
    .where(eq(sightings.leakId, leakId));
  return rows.map(({ metrics, ...r }) => {
    const m = metrics ? (JSON.parse(metrics) as Record<string, number>) : {};
    const reposts = m.retweet_count ?? m.reposts ?? m.reblogs_count ?? m.forwards ?? null;
    return { ...r, stage: r.stage as Stage | 'unclassified', reposts: typeof reposts === 'number' ? reposts : null };
  });
}

/** The timeline as last stored, or null. */
export async function storedTimeline(db: Db, leakId: number): Promise<Timeline | null> {
  const row = await db.select({ json: timelines.json }).from(timelines).where(eq(timelines.leakId, leakId)).get();
  return row ? (JSON.parse(row.json) as Timeline) : null;
}

/** Rebuilds and stores a leak's timeline. */
export async function rebuildTimeline(db: Db, leak: Leak, now = new Date()): Promise<Timeline> {
  const events = await timelineEvents(db, leak.id);
  const timeline = buildTimeline(leak.slug, events, leak.droppedAt, now);
  timeline.coordinated = (await leakCoordination(db, leak.id)).map((g) => ({ id: g.id, basis: g.basis, start: g.start, end: g.end, accounts: g.accounts.length, posts: g.size, example: g.example.text.slice(0, 280) }));
  const values = { leakId: leak.id, json: JSON.stringify(timeline), sightings: events.length, updatedAt: timeline.updatedAt };
  await db.insert(timelines).values(values).onConflictDoUpdate({ target: timelines.leakId, set: values });
  return timeline;
}

/**
 * The stored timeline, rebuilt first only when it is missing or the leak's
 * sightings changed since (a read never pays for an unchanged leak).
 */
export async function readTimeline(db: Db, leak: Leak): Promise<Timeline> {
  const stored = await db.select().from(timelines).where(eq(timelines.leakId, leak.id)).get();
  const [count] = await db.select({ n: sql<number>`count(*)` }).from(sightings).where(eq(sightings.leakId, leak.id));
  if (stored && stored.sightings === (count?.n ?? 0)) return JSON.parse(stored.json) as Timeline;
  return rebuildTimeline(db, leak);
}

