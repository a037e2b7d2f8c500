import { z } from 'zod';
import { parseEpochTime, parseIsoTime } from './dates.ts';
import type { PostFormatReader } from './format.ts';
import { accepted, reject, type Mapped } from './items.ts';
import { emptyPost } from './post.ts';
import { extractUrls, isWebLink, uniqueUrls } from './urls.ts';

/**
 * Generic JSON Lines (`--format jsonl`): one post per line, for platforms
 * without a format of their own or for data converted by other tools.
 *
 *   {
 *     "platform": "facebook",                  required: any platform name
 *     "id": "10158",                            required: string or integer, unique within the platform
 *     "account": "someone",                    required: the account's stable handle or id
 *     "text": "Read the files: https://…",     required, may be ""
 *     "created_at": "2017-05-05T21:13:00Z",    ISO-8601 with a zone, or seconds since 1970; null if unknown
 *     "urls": ["https://…"],                   optional: links; when absent, those in the text
 *     "repost_of": "…", "quote_of": "…",       optional: ids of the original (or "@account")
 *     "reply_to": "…",                         optional: id of the post answered
 *     "url": "https://…",                       optional: permalink
 *     "account_name": "…", "lang": "en",       optional
 *     "channel": "…",                          optional: group, forum or chat it was posted in
 *     "metrics": { "likes": 3 }                 optional: numbers only
 *   }
 *
 * Unknown fields are ignored. A time without a zone is read as UTC with a
 * warning; an unreadable time is left empty with a warning. A JSON array of
 * such objects, or one pretty-printed, is read too. Also in src/import/README.md.
 */
export const genericJsonl: PostFormatReader = {
  source: 'json',
  map: (value) => [mapGenericRecord(value)],
  sniff: (head) => (/"platform"\s*:/.test(head) && /"account"\s*:/.test(head) && /"id"\s*:/.test(head) ? 0.9 : 0),
};

const id = z.union([z.string().min(1), z.number().int()]).transform(String);
const optionalText = z.string().nullish();

export const GenericPostSchema = z.object({
  platform: z.string().min(1),
  id,
  account: z.string().min(1),
  text: z.string(),
  created_at: z.union([z.string(), z.number()]).nullish(),
  urls: z.array(z.string()).nullish(),
  repost_of: id.nullish(),
  quote_of: id.nullish(),
  reply_to: id.nullish(),
  url: optionalText,
  account_name: optionalText,
  lang: optionalText,
  channel: optionalText,
  metrics: z.record(z.string(), z.number()).nullish(),
});

export function mapGenericRecord(value: unknown): Mapped {
  const parsed = GenericPostSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'record'}: ${i.message}`);
    return reject(`not a post of the generic format (${problems.join('; ')})`);
  }
  const r = parsed.data;
  const time = typeof r.created_at === 'number' ? parseEpochTime(r.created_at, 'created_at') : parseIsoTime(r.created_at, 'created_at');
  const post = emptyPost(r.platform, r.id, r.account);
  post.accountName = r.account_name ?? null;
  post.text = r.text;
  post.createdAt = time.createdAt;
  post.urls = r.urls ? uniqueUrls(r.urls.filter(isWebLink)) : extractUrls(r.text);
  post.repostOf = r.repost_of ?? null;
  post.quoteOf = r.quote_of ?? null;
  post.replyTo = r.reply_to ?? null;
  post.url = r.url && isWebLink(r.url) ? r.url : null;
  post.lang = r.lang ?? null;
  post.channel = r.channel ?? null;
  if (r.metrics) post.metrics = r.metrics;
  return accepted(post, time.warning);
}
