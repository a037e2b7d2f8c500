import type { Enqueuer } from '../queue/enqueuer.ts';
import type { Db } from '../store/db.ts';
import { listFeeds, type FeedKindName } from '../store/feeds.ts';

export const feedScheduleId = (feedId: number) => `feed-${feedId}`;

/** A public Telegram channel's web preview is read as posts, whatever it was added as. */
export function feedKindOf(url: string, asked: 'feed' | 'watch'): FeedKindName {
  return /^https?:\/\/(www\.)?t\.me\/s\/[A-Za-z0-9_]+/i.test(url) ? 'telegram' : asked;
}

/** Puts every stored feed on its polling schedule (idempotent: run at every start). */
export async function syncFeedSchedules(db: Db, enqueuer: Enqueuer): Promise<number> {
  const feeds = await listFeeds(db);
  for (const feed of feeds) await enqueuer.schedule(feedScheduleId(feed.id), 'poll-feed', { feedId: feed.id }, feed.everySeconds * 1000);
  return feeds.length;
}
