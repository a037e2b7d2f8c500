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
