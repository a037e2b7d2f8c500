import { asc, eq, sql } from 'drizzle-orm';
import { feeds, seenUrls } from '../../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';

export type FeedRow = typeof feeds.$inferSelect;
export type FeedKindName = 'feed' | 'watch' | 'telegram';

/** Adds a feed or watched page, or changes how often an existing one is polled. */
export async function addFeed(db: Db, feed: { url: string; kind: FeedKindName; everySeconds: number }): Promise<FeedRow> {
  const [row] = await db.insert(feeds).values(feed).onConflictDoUpdate({ target: feeds.url, set: { kind: feed.kind, everySeconds: feed.everySeconds } }).returning();
  return row!;
}

export async function listFeeds(db: Db): Promise<FeedRow[]> {
  return db.select().from(feeds).orderBy(asc(feeds.id));
}

export async function getFeed(db: Db, id: number): Promise<FeedRow> {
  const row = await db.select().from(feeds).where(eq(feeds.id, id)).get();
  if (!row) throw new DomainError('feed_not_found', `No feed ${id}. List feeds with \`leakline feeds list\` or GET /api/feeds.`, { status: 404 });
  return row;
}

/** Removes a feed by id or URL. */
export async function removeFeed(db: Db, idOrUrl: number | string): Promise<FeedRow> {
  const where = typeof idOrUrl === 'number' ? eq(feeds.id, idOrUrl) : eq(feeds.url, idOrUrl);
  const [row] = await db.delete(feeds).where(where).returning();
  if (!row) throw new DomainError('feed_not_found', `No feed ${idOrUrl}. List feeds with \`leakline feeds list\`.`, { status: 404 });
  return row;
}

export async function markPolled(db: Db, id: number, error: string | null, at: string): Promise<void> {
  await db.update(feeds).set({ lastPolledAt: at, lastError: error }).where(eq(feeds.id, id));
}

/**
 * Records URLs as seen and returns those that were not: each item or link of
 * a feed becomes a fetch once, whichever feed or poll finds it first.
 */
export async function markSeen(db: Db, feedId: number, urls: readonly string[], at: string): Promise<string[]> {
  const fresh: string[] = [];
  for (const url of new Set(urls)) {
    const inserted = await db.insert(seenUrls).values({ url, feedId, firstSeenAt: at }).onConflictDoNothing().returning({ url: seenUrls.url });
    if (inserted.length > 0) fresh.push(url);
  }
  return fresh;
}

export async function countSeen(db: Db, feedId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(seenUrls).where(eq(seenUrls.feedId, feedId));
  return row?.n ?? 0;
}
