import { z } from 'zod';

/**
 * A social post as every import format leaves it. References to other posts
 * (`repostOf`, `quoteOf`, `replyTo`) hold the most precise handle the format
 * gives, in this order: the original's post id as this importer would write
 * it (so references join on `postId`), an `@account` when only the author is
 * named, or UNKNOWN_ORIGIN when the format only says "this is a repost".
 */
export const PostSchema = z.object({
  /** 'twitter', 'telegram', 'reddit', 'bluesky', 'mastodon', or any name a generic file gives. */
  platform: z.string().min(1),
  postId: z.string().min(1),
  /** The stablest account identifier the format has (handle, DID, user id). */
  account: z.string().min(1),
  accountName: z.string().nullable().optional(),
  text: z.string(),
  /** ISO-8601 in UTC; null when the record has no usable time (never "now"). */
  createdAt: z.string().nullable(),
  /** Expanded where the format has it, in order of appearance, without duplicates. */
  urls: z.array(z.string()),
  repostOf: z.string().nullable(),
  quoteOf: z.string().nullable(),
  replyTo: z.string().nullable(),
  /** Permalink, when one can be derived. */
  url: z.string().nullable(),
  lang: z.string().nullable().optional(),
  /** Where the post was published inside the platform: a subreddit, a Telegram chat. */
  channel: z.string().nullable().optional(),
  metrics: z.record(z.string(), z.number()).optional(),
});

export type Post = z.infer<typeof PostSchema>;

/** A repost or quote whose original the format does not name (IRA retweets without "RT @user:"). */
export const UNKNOWN_ORIGIN = 'unknown';

/** A post with every optional reference empty, for the format modules to fill in. */
export function emptyPost(platform: string, postId: string, account: string): Post {
  return { platform, postId, account, text: '', createdAt: null, urls: [], repostOf: null, quoteOf: null, replyTo: null, url: null };
}

const POST_KEYS = new Set(Object.keys(PostSchema.shape));
const isText = (v: unknown) => typeof v === 'string';
const isName = (v: unknown) => typeof v === 'string' && v.length > 0;
const isTextOrNull = (v: unknown) => v === null || typeof v === 'string';
const isOptionalText = (v: unknown) => v === undefined || v === null || typeof v === 'string';

function areTexts(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  // by index: a hole in the array is undefined to zod
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

function isMetrics(v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const value of Object.values(v)) if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return true;
}

/**
 * True when `PostSchema` accepts the post as it is and would return an equal
 * object (no unknown keys to strip): the check a format module's post needs,
 * at a fraction of zod's cost per post. False says nothing more: zod then
 * checks it and names the problem.
 */
export function isPostShaped(post: Post): boolean {
  const p = post as Record<string, unknown>;
  for (const key in p) if (!POST_KEYS.has(key)) return false;
  return (
    isName(p.platform) &&
    isName(p.postId) &&
    isName(p.account) &&
    isOptionalText(p.accountName) &&
    isText(p.text) &&
    isTextOrNull(p.createdAt) &&
    areTexts(p.urls) &&
    isTextOrNull(p.repostOf) &&
    isTextOrNull(p.quoteOf) &&
    isTextOrNull(p.replyTo) &&
    isTextOrNull(p.url) &&
    isOptionalText(p.lang) &&
    isOptionalText(p.channel) &&
    isMetrics(p.metrics)
  );
}
