import { parseEpochTime, parseIsoTime } from './dates.ts';
import { arrayAt, describeType, isObject, objectAt, stringAt, textAt, type Json } from './fields.ts';
import type { PostFormatReader } from './format.ts';
import { accepted, reject, type Mapped } from './items.ts';
import { emptyPost } from './post.ts';
import { extractUrls, isWebLink, uniqueUrls } from './urls.ts';

/**
 * Bluesky events as Jetstream sends them, one JSON object per line:
 * `{ did, time_us, kind: 'commit', commit: { operation, collection, rkey, record } }`.
 *
 * - Created `app.bsky.feed.post` records become posts; created
 *   `app.bsky.feed.repost` records become reposts of their `subject.uri`.
 *   Everything else (likes, follows, updates, deletes, identity and account
 *   events) is skipped and counted by kind.
 * - The post id is the record's AT URI `at://did/collection/rkey`, the form
 *   in which other records quote, reply to and repost it; the account is the
 *   DID (Jetstream does not carry handles).
 * - Links are the link facets and an external embed; the text's own links
 *   only when there are no facets, since Bluesky shortens links in the text.
 * - A record embed (or recordWithMedia) is a quote; `reply.parent` a reply.
 * - The time is the record's `createdAt`; when that is missing or broken, the
 *   time Jetstream saw the event (`time_us`), with a warning when broken.
 */
export const bluesky: PostFormatReader = {
  source: 'json',
  map: (value) => [mapJetstreamEvent(value)],
  sniff: (head) => (/"did"\s*:\s*"did:/.test(head) && /"time_us"\s*:/.test(head) ? 0.95 : /app\.bsky\.feed\.post/.test(head) ? 0.6 : 0),
};

const POST = 'app.bsky.feed.post';
const REPOST = 'app.bsky.feed.repost';
const LINK_FACET = 'app.bsky.richtext.facet#link';

export function mapJetstreamEvent(event: unknown): Mapped {
  if (!isObject(event)) return reject(`${describeType(event)} where a Jetstream event was expected`);
  const did = stringAt(event.did);
  const kind = stringAt(event.kind) ?? 'unknown';
  if (kind !== 'commit') return { skipped: `bluesky ${kind}` };
  const commit = objectAt(event.commit);
  const collection = stringAt(commit.collection) ?? 'unknown';
  const operation = stringAt(commit.operation) ?? 'unknown';
  if (operation !== 'create' || (collection !== POST && collection !== REPOST)) return { skipped: `bluesky ${operation} ${collection}` };
  const rkey = stringAt(commit.rkey);
  if (!did || !rkey) return reject(`a ${collection} commit without "did" or "commit.rkey"`);
  if (!isObject(commit.record)) return reject(`the ${collection} commit ${rkey} has no record`);
  const record = commit.record;

  const seen = parseEpochTime(event.time_us, 'time_us', 'microseconds');
  const written = parseIsoTime(record.createdAt, 'record.createdAt');
  const post = emptyPost('bluesky', `at://${did}/${collection}/${rkey}`, did);
  post.createdAt = written.createdAt ?? seen.createdAt;
  const timeWarning = written.warning && seen.createdAt ? `${written.warning}; used time_us instead` : written.warning;

  if (collection === REPOST) {
    post.repostOf = stringAt(objectAt(record.subject).uri);
    if (!post.repostOf) return reject(`repost ${rkey} has no "subject.uri"`);
    return accepted(post, timeWarning);
  }
  const text = textAt(record.text, 'record.text');
  if ('error' in text) return reject(`post ${rkey}: ${text.error}`);
  post.text = text.text;
  post.urls = linksOf(record, text.text);
  const embed = objectAt(record.embed);
  // recordWithMedia nests the quoted record one level deeper
  const quoted = objectAt(embed.record);
  post.quoteOf = stringAt(quoted.uri) ?? stringAt(objectAt(quoted.record).uri);
  post.replyTo = stringAt(objectAt(objectAt(record.reply).parent).uri);
  post.url = `https://bsky.app/profile/${did}/post/${rkey}`;
  post.lang = stringAt(arrayAt(record.langs)[0]);
  return accepted(post, timeWarning);
}

function linksOf(record: Json, text: string): string[] {
  const facets = arrayAt(record.facets).flatMap((facet) => arrayAt(objectAt(facet).features));
  const fromFacets = facets.filter((f) => objectAt(f).$type === LINK_FACET).map((f) => stringAt(objectAt(f).uri));
  const embed = objectAt(record.embed);
  const external = stringAt(objectAt(embed.external).uri) ?? stringAt(objectAt(objectAt(embed.media).external).uri);
  const links = [...fromFacets, external].filter((l): l is string => l !== null && isWebLink(l));
  return uniqueUrls(fromFacets.length > 0 ? links : [...links, ...extractUrls(text)]);
}
