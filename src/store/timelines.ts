import { eq } from 'drizzle-orm';
import { timelines } from '../../db/schema.ts';
import { buildTimeline } from '../domain/timeline/build-timeline.ts';
import { summariseBursts } from '../domain/timeline/bursts.ts';
import type { Timeline, TimelineEvent } from '../domain/timeline/types.ts';
import type { Stage } from '../domain/stages/registry.ts';
import { leakCoordination } from './coordination.ts';
import type { Db } from './db.ts';
import { getLeak, getLeakById, type Leak } from './leaks.ts';

/** Sightings per JSON array: ~200 kB each, under the 2 MB a D1 row may hold. */
const EVENTS_PER_ROW = 2000;

/**
 * Every sighting of a leak as a timeline event (a source's repost count from
 * its post metrics). SQLite writes the rows as JSON arrays, a few thousand
 * to a row: read as rows, the client's per-value conversion took four times
 * as long as the query itself (5 s for 100,000 sightings, against 0.5 s).
 */
export async function timelineEvents(db: Db, leakId: number): Promise<TimelineEvent[]> {
  const { rows } = await db.$client.execute({
    sql: `SELECT json_group_array(json_array(si.id, s.url, s.stage, s.tier, si.kind, s.domain, s.account, s.platform, s.published_at, s.observed_at, p.metrics)) AS events
          FROM sightings si JOIN sources s ON s.id = si.source_id LEFT JOIN posts p ON p.source_id = s.id
          WHERE si.leak_id = ? GROUP BY si.id / ${EVENTS_PER_ROW} ORDER BY si.id / ${EVENTS_PER_ROW}`,
    args: [leakId],
  });
  type EventRow = [number, string, string, number | null, string, string | null, string | null, string | null, string | null, string, string | null];
  return rows.flatMap((row) =>
    (JSON.parse(String(row.events)) as EventRow[]).map(([id, url, stage, tier, kind, domain, account, platform, publishedAt, observedAt, metrics]) => {
      const m = metrics ? (JSON.parse(metrics) as Record<string, number>) : {};
      const reposts = m.retweet_count ?? m.reposts ?? m.reblogs_count ?? m.forwards ?? null;
      return { id, url, stage: stage as Stage | 'unclassified', tier, kind, domain, account, platform, publishedAt, observedAt, reposts: typeof reposts === 'number' ? reposts : null };
    }),
  );
}

/** The timeline as last stored, or null. */
export async function storedTimeline(db: Db, leakId: number): Promise<Timeline | null> {
  const row = await db.select({ json: timelines.json }).from(timelines).where(eq(timelines.leakId, leakId)).get();
  return row ? (JSON.parse(row.json) as Timeline) : null;
}

/** Rebuilds and stores a leak's timeline. */
export async function rebuildTimeline(db: Db, leak: Leak, now = new Date()): Promise<Timeline> {
  return (await rebuildAndStore(db, leak, now)).timeline;
}

async function rebuildAndStore(db: Db, leak: Leak, now = new Date()): Promise<{ timeline: Timeline; json: string; sightings: number }> {
  const events = await timelineEvents(db, leak.id);
  const timeline = buildTimeline(leak.slug, events, leak.droppedAt, now);
  Object.assign(timeline, summariseBursts(await leakCoordination(db, leak.id)));
  const json = JSON.stringify(timeline);
  const values = { leakId: leak.id, json, sightings: events.length, updatedAt: timeline.updatedAt };
  await db.insert(timelines).values(values).onConflictDoUpdate({ target: timelines.leakId, set: values });
  return { timeline, json, sightings: events.length };
}

/** A stored timeline as served: its JSON text, that text's UTF-8 bytes, and a tag that changes whenever they do. */
export interface TimelineBody {
  json: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** A weak HTTP entity tag (the gzipped and plain bodies share it): the build time and sighting count. */
  etag: string;
  /** The bytes gzipped, compressed once per stored timeline and kept (a timeline of 100,000 sightings is ~10× smaller). */
  gzip(): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * A stored timeline held in memory, with what made it current: its row
 * (`updatedAt`, `stored` sightings) and `counted`, the leak's sightings with
 * an id up to `maxSightingId`. It is current while `counted === stored`.
 */
interface CachedTimeline extends TimelineBody {
  slug: string;
  /** When the stored row was last seen to match (Date.now()). */
  checkedAt: number;
  updatedAt: string;
  stored: number;
  maxSightingId: number;
  counted: number;
}

const MAX_CACHED_LEAKS = 64;
const utf8 = new TextEncoder();

function timelineBody(json: string, updatedAt: string, stored: number): TimelineBody {
  const bytes = utf8.encode(json);
  let gzipped: Promise<Uint8Array<ArrayBuffer>> | null = null;
  return {
    json,
    bytes,
    etag: `W/"${updatedAt}/${stored}"`,
    // CompressionStream, not node:zlib: the store also runs on Cloudflare Workers. A failure is not kept.
    gzip: () =>
      (gzipped ??= new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip')))
        .arrayBuffer()
        .then((b) => new Uint8Array(b))
        .catch((error: unknown) => {
          gzipped = null;
          throw error;
        })),
  };
}

/**
 * Per database (so tests and processes never share one), the stored
 * timelines last served and the reads in flight. A read then costs one small
 * indexed query instead of a count of the leak's sightings, a read of the
 * stored JSON (hundreds of kB for a leak with 100,000 sightings) and parsing
 * and serialising it again.
 */
const caches = new WeakMap<Db, { entries: Map<number, CachedTimeline>; ids: Map<string, number>; pending: Map<number, Promise<TimelineBody>> }>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { entries: new Map(), ids: new Map(), pending: new Map() }));
  return cache;
}

/** How often a cached timeline's stored row is compared again, besides the check for new sightings on every read. */
const ROW_RECHECK_MS = 1000;

/**
 * The cached timeline of a leak read before, if it is still current: no
 * sighting of any leak recorded since (the newest id, found at the end of
 * the rowid tree), and, at most a second ago, its stored row unchanged.
 * The row is not read on every request because its build time and count sit
 * after the JSON, and SQLite walks the JSON's overflow pages to reach them.
 * Only a rebuild without new sightings changes the row unseen, and every
 * rebuild today follows new sightings.
 */
async function currentCached(db: Db, by: { slug: string } | { id: number }): Promise<CachedTimeline | null> {
  const cache = cacheOf(db);
  const id = 'id' in by ? by.id : cache.ids.get(by.slug);
  const cached = id === undefined ? undefined : cache.entries.get(id);
  if (!cached || cached.counted !== cached.stored) return null;
  const now = Date.now();
  if (now - cached.checkedAt < ROW_RECHECK_MS) {
    const { rows } = await db.$client.execute('SELECT max(id) AS max_sighting_id FROM sightings');
    return Number(rows[0]?.max_sighting_id ?? 0) === cached.maxSightingId ? cached : null;
  }
  const { rows } = await db.$client.execute({ sql: 'SELECT updated_at, sightings, (SELECT max(id) FROM sightings) AS max_sighting_id FROM timelines WHERE leak_id = ?', args: [id!] });
  const r = rows[0];
  if (!r || String(r.updated_at) !== cached.updatedAt || Number(r.sightings) !== cached.stored || Number(r.max_sighting_id ?? 0) !== cached.maxSightingId) return null;
  cached.checkedAt = now;
  return cached;
}

interface TimelineState {
  leak: Leak;
  updatedAt: string | null;
  stored: number | null;
  maxSightingId: number;
}

/** The leak, its stored timeline's row (not its JSON) and the newest sighting id of any leak, in one query. */
async function timelineState(db: Db, by: { slug: string } | { id: number }): Promise<TimelineState | null> {
  const { rows } = await db.$client.execute({
    sql: `SELECT l.id, l.slug, l.title, l.dropped_at, l.drop_url, l.created_at, t.updated_at, t.sightings,
                 (SELECT max(id) FROM sightings) AS max_sighting_id
          FROM leaks l LEFT JOIN timelines t ON t.leak_id = l.id WHERE ${'slug' in by ? 'l.slug' : 'l.id'} = ?`,
    args: ['slug' in by ? by.slug : by.id],
  });
  const r = rows[0];
  if (!r) return null;
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    leak: { id: Number(r.id), slug: String(r.slug), title: text(r.title), droppedAt: text(r.dropped_at), dropUrl: text(r.drop_url), createdAt: String(r.created_at) },
    updatedAt: text(r.updated_at),
    stored: r.sightings === null ? null : Number(r.sightings),
    maxSightingId: Number(r.max_sighting_id ?? 0),
  };
}

/**
 * The leak's sightings with an id up to `upTo`: counted from the cached
 * figure over the ids added since (a rowid range; `+leak_id` keeps SQLite
 * off the leak index, which would visit every sighting of the leak), or in
 * full the first time.
 */
async function countSightings(db: Db, leakId: number, upTo: number, cached: CachedTimeline | undefined): Promise<number> {
  if (cached && cached.maxSightingId === upTo) return cached.counted;
  const { rows } =
    cached && cached.maxSightingId < upTo
      ? await db.$client.execute({ sql: 'SELECT count(*) AS n FROM sightings WHERE id > ? AND id <= ? AND +leak_id = ?', args: [cached.maxSightingId, upTo, leakId] })
      : await db.$client.execute({ sql: 'SELECT count(*) AS n FROM sightings WHERE leak_id = ? AND id <= ?', args: [leakId, upTo] });
  return (cached && cached.maxSightingId < upTo ? cached.counted : 0) + Number(rows[0]!.n);
}

/**
 * The stored timeline's JSON, rebuilt first only when it is missing or the
 * leak's sightings changed since (a read never pays for an unchanged leak).
 * Throws `leak_not_found` when there is no such leak.
 *
 * Whether they changed is judged by the number of the leak's sightings, as
 * the stored row records it. Sighting ids only grow, so the count is kept
 * per leak with the newest id it covers, and a read adds only the sightings
 * recorded since. (Sightings are deleted only with their leak, which takes
 * its timeline along.)
 *
 * @example
 * const body = await readTimelineBody(db, { slug: 'macron-2017' });
 * return c.body(body.bytes, 200, { 'content-type': 'application/json' });
 */
export async function readTimelineBody(db: Db, by: { slug: string } | { id: number }): Promise<TimelineBody> {
  const current = await currentCached(db, by);
  if (current) return current;
  const state = await timelineState(db, by);
  if (!state) {
    // the leak store throws the error every endpoint gives for an unknown leak; should the leak have appeared meanwhile, read again
    await ('slug' in by ? getLeak(db, by.slug) : getLeakById(db, by.id));
    return readTimelineBody(db, by);
  }
  const cache = cacheOf(db);
  const cached = cache.entries.get(state.leak.id);
  if (cached && cached.maxSightingId === state.maxSightingId && cached.updatedAt === state.updatedAt && cached.stored === state.stored && cached.counted === cached.stored) return cached;
  // one check (and at most one rebuild) per leak at a time: concurrent readers wait for it
  const inFlight = cache.pending.get(state.leak.id);
  if (inFlight) return inFlight;
  const pending = refreshTimeline(db, state, cached).finally(() => cache.pending.delete(state.leak.id));
  cache.pending.set(state.leak.id, pending);
  return pending;
}

async function refreshTimeline(db: Db, state: TimelineState, cached: CachedTimeline | undefined): Promise<CachedTimeline> {
  const { leak, maxSightingId } = state;
  const counted = await countSightings(db, leak.id, maxSightingId, cached);
  let entry: CachedTimeline | null = null;
  if (state.stored === counted) {
    if (cached && cached.updatedAt === state.updatedAt && cached.stored === state.stored) entry = { ...cached, maxSightingId, counted, checkedAt: Date.now() };
    else {
      const row = await db.select().from(timelines).where(eq(timelines.leakId, leak.id)).get();
      // the row may have been rebuilt since the state was read: it is used only if it still matches the count
      if (row && row.sightings === counted) entry = { ...timelineBody(row.json, row.updatedAt, row.sightings), slug: leak.slug, checkedAt: Date.now(), updatedAt: row.updatedAt, stored: row.sightings, maxSightingId, counted };
    }
  }
  if (!entry) {
    const rebuilt = await rebuildAndStore(db, leak);
    entry = { ...timelineBody(rebuilt.json, rebuilt.timeline.updatedAt, rebuilt.sightings), slug: leak.slug, checkedAt: Date.now(), updatedAt: rebuilt.timeline.updatedAt, stored: rebuilt.sightings, maxSightingId, counted };
  }
  const { entries, ids } = cacheOf(db);
  entries.delete(leak.id);
  entries.set(leak.id, entry);
  ids.set(leak.slug, leak.id);
  if (entries.size > MAX_CACHED_LEAKS) {
    // the least recently refreshed goes (a Map iterates in insertion order)
    const [oldestId, oldest] = entries.entries().next().value!;
    entries.delete(oldestId);
    ids.delete(oldest.slug);
  }
  return entry;
}

/**
 * The stored timeline, rebuilt first only when it is missing or the leak's
 * sightings changed since (a read never pays for an unchanged leak).
 */
export async function readTimeline(db: Db, leak: Leak): Promise<Timeline> {
  return JSON.parse((await readTimelineBody(db, { id: leak.id })).json) as Timeline;
}
