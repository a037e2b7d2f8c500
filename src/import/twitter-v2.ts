import { parseIsoTime } from './dates.ts';
import { arrayAt, describeType, idAt, isObject, metricsFrom, objectAt, stringAt, textAt, type Json } from './fields.ts';
import type { PostFormatReader } from './format.ts';
import { accepted, reject, type Mapped } from './items.ts';
import { emptyPost } from './post.ts';
import { extractUrls, isWebLink, uniqueUrls } from './urls.ts';

/**
 * X/Twitter API v2 as saved by clients and by twarc2: each line (or the
 * document) is a tweet object or a response page `{ data, includes, meta }`.
 * The author is `author_id`, shown by its `includes.users` username when the
 * page has it (or an embedded `author`, as twarc2's flattened output has);
 * `referenced_tweets` give repost, quote and reply ids; links are
 * `entities.urls[].expanded_url` (media links to the tweet itself left out),
 * or those of the text when the request did not ask for entities. A long
 * post's full text is `note_tweet.text`. Only `data` becomes posts:
 * `includes.tweets` are context the API attached, not the collected set.
 */
export const twitterV2: PostFormatReader = {
  source: 'json',
  map: mapTwitterRecord,
  sniff: (head) => (/"author_id"\s*:/.test(head) && /"text"\s*:/.test(head) ? 0.9 : /"edit_history_tweet_ids"|"referenced_tweets"/.test(head) ? 0.8 : 0),
};

const METRICS = ['retweet_count', 'reply_count', 'like_count', 'quote_count', 'bookmark_count', 'impression_count'] as const;
const REFERENCE_FIELD = { retweeted: 'repostOf', quoted: 'quoteOf', replied_to: 'replyTo' } as const;

export function mapTwitterRecord(value: unknown): Mapped[] {
  if (!isObject(value)) return [reject(`${describeType(value)} where a tweet or an API page was expected`)];
  const isPage = 'data' in value || 'includes' in value || 'errors' in value || 'meta' in value;
  if (!isPage) return [mapTweet(value, new Map())];

  const users = new Map<string, Json>();
  for (const user of arrayAt(objectAt(value.includes).users)) {
    const id = isObject(user) ? idAt(user.id) : null;
    if (id) users.set(id, user as Json);
  }
  const data = Array.isArray(value.data) ? value.data : value.data === undefined || value.data === null ? [] : [value.data];
  if (data.length === 0) return [{ skipped: arrayAt(value.errors).length > 0 ? 'twitter API errors' : 'empty API page' }];
  return data.map((tweet) => mapTweet(tweet, users));
}

function mapTweet(tweet: unknown, users: Map<string, Json>): Mapped {
  if (!isObject(tweet)) return reject(`${describeType(tweet)} where a tweet was expected`);
  const id = idAt(tweet.id);
  if (!id) return reject('a tweet without an "id"');
  const authorId = idAt(tweet.author_id);
  const user = (authorId ? users.get(authorId) : undefined) ?? objectAt(tweet.author);
  const username = stringAt(user.username);
  const account = username ?? authorId;
  if (!account) return reject(`tweet ${id} has no "author_id"`);

  const note = objectAt(tweet.note_tweet);
  const text = textAt(stringAt(note.text) ?? tweet.text, 'text');
  if ('error' in text) return reject(`tweet ${id}: ${text.error}`);
  const time = parseIsoTime(tweet.created_at, 'created_at');

  const post = emptyPost('twitter', id, account);
  post.accountName = stringAt(user.name);
  post.text = text.text;
  post.createdAt = time.createdAt;
  post.urls = linksOf(isObject(note.entities) ? note : tweet, text.text);
  for (const ref of arrayAt(tweet.referenced_tweets)) {
    const { type, id: refId } = objectAt(ref);
    const field = typeof type === 'string' ? REFERENCE_FIELD[type as keyof typeof REFERENCE_FIELD] : undefined;
    if (field && idAt(refId)) post[field] = idAt(refId);
  }
  post.url = `https://twitter.com/${username ?? 'i/web'}/status/${id}`;
  post.lang = stringAt(tweet.lang);
  const metrics = metricsFrom(tweet.public_metrics, METRICS);
  if (metrics) post.metrics = metrics;
  return accepted(post, time.warning);
}

function linksOf(holder: Json, text: string): string[] {
  const entities = objectAt(holder.entities);
  if (!Array.isArray(entities.urls)) return extractUrls(text);
  const links = entities.urls.map((entity) => {
    const e = objectAt(entity);
    if (e.media_key !== undefined) return null;
    const link = stringAt(e.expanded_url) ?? stringAt(e.unwound_url) ?? stringAt(e.url);
    return link && isWebLink(link) ? link : null;
  });
  return uniqueUrls(links);
}
