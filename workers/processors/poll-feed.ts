import { decodeText } from '../../src/domain/extract/charset.ts';
import { extractWatchLinks, parseFeed, parseTelegramPreview } from '../../src/domain/feeds/index.ts';
import { normaliseUrl } from '../../src/domain/url.ts';
import type { Fetcher } from '../../src/fetch/fetcher.ts';
import type { Enqueue, Processor } from '../../src/queue/enqueuer.ts';
import { fetchJobId } from '../../src/queue/job-ids.ts';
import type { Db } from '../../src/store/db.ts';
import { getFeed, markPolled, markSeen } from '../../src/store/feeds.ts';
import { observe } from '../../src/spread/observe.ts';
import type { SpreadRuntime } from '../../src/spread/spread-runtime.ts';
import { describeError } from '../../src/domain/errors.ts';
import { queueTimelines } from './build-timeline.ts';

/** Pages a feed item leads to are fetched with one level of links followed (an article citing a paste). */
const ITEM_DEPTH = 1;

/**
 * poll-feed: reads a feed, a watched page or a Telegram channel preview;
 * every item or link not seen before becomes a page fetch; Telegram messages
 * are matched as posts on the spot.
 */
export function createPollFeedProcessor(deps: { db: Db; fetcher: Fetcher; spread: SpreadRuntime; enqueue: Enqueue; clock?: () => Date }): Processor<'poll-feed'> {
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  return async ({ feedId }) => {
    const feed = await getFeed(deps.db, feedId);
    try {
      const response = await deps.fetcher.fetch(feed.url);
      const body = decodeText(response.body, response.charset).text;
      let found: string[] = [];
      let posts = 0;
      let sightings = 0;
      if (feed.kind === 'feed') {
        found = parseFeed(body, response.url).items.map((i) => i.url);
      } else if (feed.kind === 'telegram') {
        const preview = parseTelegramPreview(body, response.url);
        const spread = await deps.spread.deps();
        for (const post of preview.posts) {
          const observed = await observe(spread, {
            kind: 'post',
            url: post.url,
            platform: 'telegram',
            account: post.channel,
            publishedAt: post.publishedAt,
            text: post.text,
            links: post.links.map((url) => ({ url })),
            post: { platform: 'telegram', postId: `${post.channel}/${post.postId}`, account: post.channel, repostOf: post.forwardedFrom?.url ?? post.forwardedFrom?.name ?? null, quoteOf: null, replyTo: null, metrics: post.views === null ? null : { views: post.views } },
            metadata: { files: post.files },
          });
          posts++;
          sightings += observed.sightings.length;
          await queueTimelines(deps.enqueue, observed.sightings);
          found.push(...post.links);
        }
      } else {
        found = extractWatchLinks(body, response.url).map((l) => l.url);
      }
      const normalised = found.map((u) => normaliseUrl(u)).filter((u): u is string => u !== null);
      const fresh = await markSeen(deps.db, feed.id, normalised, now());
      for (const url of fresh) await deps.enqueue('fetch-page', { url, maxDepth: ITEM_DEPTH, from: feed.url }, { jobId: await fetchJobId(url) });
      await markPolled(deps.db, feed.id, null, now());
      return { feedId, url: feed.url, found: normalised.length, queued: fresh.length, posts, sightings };
    } catch (error) {
      await markPolled(deps.db, feed.id, describeError(error), now());
      throw error;
    }
  };
}
