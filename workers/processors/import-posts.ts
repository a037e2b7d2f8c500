import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DomainError } from '../../src/domain/errors.ts';
import { importPostBatches } from '../../src/import/import-posts.ts';
import type { Post } from '../../src/import/post.ts';
import type { Enqueue, Processor } from '../../src/queue/enqueuer.ts';
import type { Observation } from '../../src/spread/observe.ts';
import { PostBatch } from '../../src/spread/post-batch.ts';
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

/** Posts held for matching before a flush, at the most (about 1% of posts match). */
const BATCH_POSTS = 500;
/** Progress is reported, and so the held posts flushed, at most this often. */
const PROGRESS_EVERY_MS = 250;

/**
 * import-posts: streams a post export (constant memory), matches every post
 * against the leaks and keeps only the posts that carry or link to one. The
 * posts that may are matched and stored in batches (`PostBatch`), flushed
 * at 500 posts, before each progress report (every 250 ms) and at the end.
 */
export function createImportPostsProcessor(deps: { spread: SpreadRuntime; enqueue: Enqueue }): Processor<'import-posts'> {
  return async (payload, context) => {
    const info = await stat(payload.source).catch(() => null);
    if (!info?.isFile()) throw new DomainError('import_not_found', `No post export at ${payload.source}.`);
    const batch = new PostBatch(await deps.spread.deps());
    const started = Date.now();
    const s: ImportSummary = { format: payload.format, posts: 0, matched: 0, sightings: 0, rejected: 0, skipped: 0, bytes: 0, seconds: 0, postsPerSecond: 0, rejections: [] };
    const touched = new Map<number, { leakId: number }>();
    const flush = async () => {
      for (const post of await batch.flush()) {
        s.matched++;
        s.sightings += post.sightings.length;
        for (const x of post.sightings) touched.set(x.leakId, x);
      }
    };
    // the reader reports progress between records: it is passed on once what was read before is stored
    let readBytes: number | null = null;
    let reportedAt = started;
    const report = async () => {
      await flush();
      s.bytes = readBytes!;
      readBytes = null;
      reportedAt = Date.now();
      context.progress({ posts: s.posts, matched: s.matched, rejected: s.rejected, bytes: s.bytes, totalBytes: info.size, seconds: (reportedAt - started) / 1000 });
    };
    for await (const items of importPostBatches(createReadStream(payload.source, { highWaterMark: 1 << 20 }), payload.format, { onProgress: ({ bytes }) => (readBytes = bytes) })) {
      if (readBytes !== null && Date.now() - reportedAt >= PROGRESS_EVERY_MS) await report();
      for (const item of items) {
        if ('post' in item) {
          s.posts++;
          if (batch.hold(postObservation(item.post)) && batch.size >= BATCH_POSTS) await flush();
        } else if ('rejected' in item) {
          s.rejected++;
          if (s.rejections.length < LISTED_REJECTIONS) s.rejections.push(item.rejected);
        } else s.skipped++;
      }
    }
    if (readBytes !== null) await report();
    else await flush();
    await queueTimelines(deps.enqueue, [...touched.values()]);
    s.bytes = info.size;
    s.seconds = (Date.now() - started) / 1000;
    s.postsPerSecond = s.seconds > 0 ? Math.round(s.posts / s.seconds) : s.posts;
    return s;
  };
}
