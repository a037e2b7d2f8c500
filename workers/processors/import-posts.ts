import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DomainError } from '../../src/domain/errors.ts';
import { importPosts } from '../../src/import/import-posts.ts';
import type { Post } from '../../src/import/post.ts';
import type { Enqueue, Processor } from '../../src/queue/enqueuer.ts';
import { observe, type Observation } from '../../src/spread/observe.ts';
import type { SpreadRuntime } from '../../src/spread/spread-runtime.ts';
import { queueTimelines } from './build-timeline.ts';

export interface ImportSummary {
  format: string;
  posts: number;
  matched: number;
  sightings: number;
  rejected: number;
  skipped: number;
  bytes: number;
  seconds: number;
  postsPerSecond: number;
  /** The first rejections, with line and reason. */
  rejections: { line: number | null; reason: string }[];
}

const LISTED_REJECTIONS = 200;

/** The observation of a post: its permalink (or a stable pseudo-URL), its text and links. */
export function postObservation(post: Post): Observation {
  return {
    kind: 'post',
    url: post.url ?? `post:${post.platform}:${post.postId}`,
    platform: post.platform,
    account: post.account,
    title: null,
    publishedAt: post.createdAt,
    text: post.text,
    links: post.urls.map((url) => ({ url })),
    post: { platform: post.platform, postId: post.postId, account: post.account, repostOf: post.repostOf, quoteOf: post.quoteOf, replyTo: post.replyTo, metrics: post.metrics ?? null },
    metadata: { accountName: post.accountName ?? null, lang: post.lang ?? null, channel: post.channel ?? null },
  };
}

/**
 * import-posts: streams a post export (constant memory), matches every post
 * against the leaks and keeps only the posts that carry or link to one.
 */
export function createImportPostsProcessor(deps: { spread: SpreadRuntime; enqueue: Enqueue }): Processor<'import-posts'> {
  return async (payload, context) => {
    const info = await stat(payload.source).catch(() => null);
    if (!info?.isFile()) throw new DomainError('import_not_found', `No post export at ${payload.source}.`);
    const spread = await deps.spread.deps();
    const started = Date.now();
    const s: ImportSummary = { format: payload.format, posts: 0, matched: 0, sightings: 0, rejected: 0, skipped: 0, bytes: 0, seconds: 0, postsPerSecond: 0, rejections: [] };
    const touched = new Map<number, { leakId: number }>();
    const onProgress = ({ bytes }: { bytes: number }) => {
      s.bytes = bytes;
      context.progress({ posts: s.posts, matched: s.matched, rejected: s.rejected, bytes, totalBytes: info.size, seconds: (Date.now() - started) / 1000 });
    };
    for await (const item of importPosts(createReadStream(payload.source, { highWaterMark: 1 << 20 }), payload.format, { onProgress })) {
      if ('post' in item) {
        s.posts++;
        const { sightings } = await observe(spread, postObservation(item.post));
        for (const x of sightings) touched.set(x.leakId, x);
        if (sightings.length > 0) {
          s.matched++;
          s.sightings += sightings.length;
        }
      } else if ('rejected' in item) {
        s.rejected++;
        if (s.rejections.length < LISTED_REJECTIONS) s.rejections.push(item.rejected);
      } else s.skipped++;
    }
    await queueTimelines(deps.enqueue, [...touched.values()]);
    s.bytes = info.size;
    s.seconds = (Date.now() - started) / 1000;
    s.postsPerSecond = s.seconds > 0 ? Math.round(s.posts / s.seconds) : s.posts;
    return s;
  };
}
