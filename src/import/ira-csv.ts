import { createHash } from 'node:crypto';
import { parseIsoTime, quote, type PostTime } from './dates.ts';
import { metricsFrom } from './fields.ts';
import type { PostFormatReader } from './format.ts';
import { accepted, reject, type Mapped } from './items.ts';
import { emptyPost, UNKNOWN_ORIGIN } from './post.ts';
import { extractUrls, isWebLink, uniqueUrls } from './urls.ts';

/**
 * The Internet Research Agency tweets released by FiveThirtyEight and
 * Clemson University, in the per-author copy of the shared corpus
 * (`author_id`, `content`, `publish_date`, `post_type`, `retweet`, …) or in
 * FiveThirtyEight's own files (`author`, `tweet_id`, `tco1_step1`…).
 *
 * - The account is the handle (`author_id` there, `author` in 538's files).
 * - `publish_date` is UTC: `YYYY-MM-DD HH:MM:00`, or `M/D/YYYY H:MM` in 538's files.
 * - Without `tweet_id` the post id is `ira-` and 24 hex digits of the sha256
 *   of author, publish_date and content: stable across imports, and equal
 *   only for the same account posting the same text in the same minute.
 * - A retweet (`post_type` R/RETWEET, or text opening "RT @user:") reposts
 *   `@user` when the text names them, else UNKNOWN_ORIGIN: this data keeps
 *   neither the original's id nor, mostly, its author. Quotes (Q) likewise.
 * - Mojibake in `content` is kept as it is: it is how the data was released.
 */
export const iraCsv: PostFormatReader = {
  source: 'csv',
  map: (row) => [mapIraRow(row)],
  sniff: (head) => {
    const header = head.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
    return /(^|,)(author_id|author),/.test(header) && /,content,/.test(header) && /,publish_date,/.test(header) ? 0.95 : 0;
  },
};

const RETWEET = /^RT @(\w{1,15}):/;
const LINK_COLUMNS = ['tco1_step1', 'tco2_step1', 'tco3_step1'];

export function mapIraRow(row: Record<string, string>): Mapped {
  const account = (row.author ?? row.author_id ?? '').trim();
  if (!account) return reject('no "author_id" (the account)');
  const content = row.content ?? '';
  const published = row.publish_date ?? '';
  const time = parseIraTime(published);
  const tweetId = /^\d+$/.test(row.tweet_id ?? '') ? row.tweet_id! : null;
  const postId = tweetId ?? `ira-${createHash('sha256').update(`${account}\u0000${published}\u0000${content}`).digest('hex').slice(0, 24)}`;

  const post = emptyPost('twitter', postId, account);
  post.text = content;
  post.createdAt = time.createdAt;
  post.urls = uniqueUrls([...LINK_COLUMNS.map((c) => row[c]).filter((u) => u && isWebLink(u)), ...extractUrls(content)]);
  const type = (row.post_type ?? '').trim().toUpperCase();
  const named = RETWEET.exec(content)?.[1];
  if (named) post.repostOf = `@${named}`;
  else if (type === 'R' || type === 'RETWEET') post.repostOf = UNKNOWN_ORIGIN;
  else if (type === 'Q' || type === 'QUOTE_TWEET') post.quoteOf = UNKNOWN_ORIGIN;
  if (tweetId) post.url = `https://twitter.com/${account}/status/${tweetId}`;
  post.lang = row.language?.trim() || null;
  const metrics = metricsFrom({ author_followers: row.followers, author_following: row.following, author_updates: row.updates }, [
    'author_followers',
    'author_following',
    'author_updates',
  ]);
  if (metrics) post.metrics = metrics;
  return accepted(post, time.warning);
}

/** `2016-10-07 20:45:00` (the per-author copy) or `10/7/2016 20:45` (538's files), both UTC. */
function parseIraTime(value: string): PostTime {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!us) return parseIsoTime(value, 'publish_date', { zoneless: 'utc' });
  const [, m, d, y, h, mi] = us;
  const time = parseIsoTime(`${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')} ${h!.padStart(2, '0')}:${mi}:00`, 'publish_date', { zoneless: 'utc' });
  return time.warning ? { createdAt: null, warning: `invalid time in publish_date: ${quote(value)}` } : time;
}
